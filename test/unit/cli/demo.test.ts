import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/run-cli.js';
import { fakeIo } from './fake-io.js';

describe('goodwe-kafka demo', () => {
  it('exits 2 without a broker and says how to give one, instead of starting one', async () => {
    const io = fakeIo();
    expect(await runCli(['demo', '--inverters', '5'], io)).toBe(2);
    const lines = io.stderr.text.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('--url kafka://HOST:9092/goodwe-demo');
    expect(lines[0]).toContain('npm run demo');
    expect(io.stdout.text).toBe('');
  });
});
