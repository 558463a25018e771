import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startBackgroundLoad } from '../../../bench/harness/background-load.js';
import { eventually } from '../../support/fake-consumer.js';

// User + system clock ticks a process has used, from /proc.
function ticksOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

describe.runIf(process.platform === 'linux')('the background load of npm run bench --load', () => {
  it('keeps each of its processes busy until disposed, and leaves none behind', async () => {
    const load = startBackgroundLoad(1);
    const [pid] = load.pids;
    expect(pid).toBeDefined();
    await eventually(() => ticksOf(pid!) >= 10, 'the busy process used 100 ms of CPU', 10_000);
    await load[Symbol.asyncDispose]();
    expect(existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z')).toBe(false);
  });

  it('starts nothing for zero processes', async () => {
    await using load = startBackgroundLoad(0);
    expect(load.pids).toEqual([]);
  });
});
