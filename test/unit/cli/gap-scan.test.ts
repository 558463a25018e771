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

  it('reports only the real holes of an inverter whose readings are spread over partitions read one after the other', () => {
    // Even multiples of 5 minutes on partition 0, odd ones on partition 1, each published at its own
    // time; the partitions are read one after the other, in either order. 5-15 and 45 were never published.
    for (const order of [
      [0, 1],
      [1, 0],
    ]) {
      const scan = new GapScan({ expectedIntervalMs: 5 * min });
      const times = [0, 20, 25, 30, 35, 40, 50, 55];
      for (const partition of order)
        for (const t of times.filter((t) => (t / 5) % 2 === partition))
          scan.observe(partition, 'SN1', t * min, t * min);
      const gaps = scan.results().map((g) => [g.from.getTime() / min, g.to.getTime() / min, g.outcome]);
      expect(gaps.sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
        [0, 20, 'not-in-log'],
        [40, 50, 'not-in-log'],
      ]);
    }
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
