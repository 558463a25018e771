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

  it('reports a gap of an inverter spread over partitions as beyond-retention when a log starts inside it', () => {
    const scan = new GapScan({ expectedIntervalMs: 5 * min });
    for (const [partition, t] of [
      [0, 0],
      [1, 5],
      [0, 30],
    ] as const)
      scan.observe(partition, 'SN1', t * min);
    expect(scan.results(20 * min)).toMatchObject([{ outcome: 'beyond-retention' }]);
  });

  // Regression: the first gap after an inverter's first reading was called beyond-retention when
  // the oldest record's Kafka time (a publish time) came after that reading's telemetry time.
  it.each([
    { case: 'a log that never lost anything', earliest: undefined },
    { case: 'a log on the same partition that starts before the reading that opens the gap', earliest: 1 },
    { case: 'a publish time later than the telemetry time of the first reading', earliest: 20 },
  ])('never calls a gap of an inverter on one partition beyond-retention: $case', ({ earliest }) => {
    const scan = new GapScan({ expectedIntervalMs: 5 * min });
    for (const t of [0, 5, 30]) scan.observe(0, 'SN1', t * min);
    expect(scan.results(earliest === undefined ? undefined : earliest * min)).toMatchObject([
      { outcome: 'not-in-log' },
    ]);
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
