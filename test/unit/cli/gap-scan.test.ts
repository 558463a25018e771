import { describe, expect, it } from 'vitest';
import { GapScan } from '../../../src/cli/gap-scan.js';

const min = 60_000;

describe('gap scan', () => {
  it('reports a gap with nothing inside it as not-in-log', () => {
    const scan = new GapScan({ expectedIntervalMs: 5 * min });
    for (const t of [0, 5, 10, 25, 30]) scan.observe(0, 'SN1', t * min);
    const [gap, ...rest] = scan.results();
    expect(rest).toHaveLength(0);
    expect(gap).toMatchObject({ serialNumber: 'SN1', outcome: 'not-in-log', expected: 2, recovered: 0 });
    expect(gap?.from.getTime()).toBe(10 * min);
    expect(gap?.to.getTime()).toBe(25 * min);
  });

  it('counts readings that arrive late inside a gap as found in the log', () => {
    const scan = new GapScan({ expectedIntervalMs: 5 * min });
    for (const t of [0, 5, 15, 10]) scan.observe(0, 'SN1', t * min);
    expect(scan.results()).toMatchObject([{ outcome: 'refilled', expected: 1, recovered: 1 }]);
  });

  it('reports a gap that starts before the earliest retained record as beyond-retention', () => {
    const scan = new GapScan({ expectedIntervalMs: 5 * min });
    for (const t of [0, 5, 30]) scan.observe(0, 'SN1', t * min);
    expect(scan.results(20 * min)).toMatchObject([{ outcome: 'beyond-retention' }]);
  });

  it('keeps inverters apart', () => {
    const scan = new GapScan({ expectedIntervalMs: 5 * min });
    for (const t of [0, 5, 10]) {
      scan.observe(0, 'SN1', t * min);
      scan.observe(1, 'SN2', t * 2 * min);
    }
    expect(scan.results().map((g) => g.serialNumber)).toEqual(['SN2', 'SN2']);
    expect(scan.counts).toEqual({ readings: 6, inverters: 2 });
  });
});
