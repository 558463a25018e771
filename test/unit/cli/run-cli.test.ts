import { describe, expect, it } from 'vitest';
import { commands, runCli } from '../../../src/cli/run-cli.js';
import { fakeIo } from './fake-io.js';

describe('goodwe-kafka command line', () => {
  it('prints the version', async () => {
    const io = fakeIo();
    expect(await runCli(['--version'], io)).toBe(0);
    expect(io.stdout.text).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('lists every command in --help', async () => {
    const io = fakeIo();
    expect(await runCli(['--help'], io)).toBe(0);
    for (const name of ['doctor', 'tail', 'replay', 'gaps', 'simulate', 'demo']) expect(io.stdout.text).toContain(name);
  });

  it.each(commands.map((c) => c.name))('has --help with examples for %s', async (name) => {
    const io = fakeIo();
    expect(await runCli([name, '--help'], io)).toBe(0);
    expect(io.stdout.text).toContain(`Usage: goodwe-kafka ${name}`);
    expect(io.stdout.text).toContain('Examples:');
  });

  it('exits 2 with one line for an unknown command', async () => {
    const io = fakeIo();
    expect(await runCli(['tial'], io)).toBe(2);
    expect(io.stderr.text.trim().split('\n')).toHaveLength(1);
    expect(io.stderr.text).toContain('unknown command "tial"');
  });

  it('exits 2 for an unknown flag, a missing --from and a missing connection', async () => {
    for (const argv of [
      ['tail', '--follow'],
      ['replay', '--url', 'kafka://localhost:9092/T'],
      ['gaps', '--from', '-1h'],
    ]) {
      const io = fakeIo();
      expect(await runCli(argv, io)).toBe(2);
      expect(io.stderr.text).toMatch(/^goodwe-kafka: .*--help/);
    }
  });

  it('exits 2 naming the variable when the environment is incomplete, never echoing the password', async () => {
    const io = fakeIo({
      GOODWE_KAFKA_BOOTSTRAP_SERVERS: 'k:9093',
      GOODWE_KAFKA_ACCOUNT: 'acme',
      GOODWE_KAFKA_PASSWORD: 'pw-123',
    });
    expect(await runCli(['doctor'], io)).toBe(2);
    expect(io.stderr.text).toMatch(/GOODWE_KAFKA_TOPIC|GOODWE_KAFKA_DISTRIBUTOR_CODE|topic/);
    expect(io.stderr.text).not.toContain('pw-123');
  });

  it('exits 2 for simulation values the simulator refuses', async () => {
    const io = fakeIo();
    expect(await runCli(['simulate', '--url', 'kafka://localhost:9092/T', '--interval', '1500ms'], io)).toBe(2);
    expect(io.stderr.text).toContain('intervalMs');
  });
});
