import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GapDetector, type DetectedGap } from '../../../src/gaps/gap-detector.js';
import { SerialIndex } from '../../../src/gaps/serial-index.js';

const MIN = 60_000;
const SN = 'GW0001';

/** Feeds minute offsets of one inverter on partition 0 and returns the gaps, as minute pairs. */
function gapsOf(minutes: number[], detector = new GapDetector()): [number, number][] {
  const gaps: DetectedGap[] = [];
  for (const minute of minutes) {
    const gap = detector.observe(0, SN, minute * MIN);
    if (gap) gaps.push(gap);
  }
  return gaps.map((gap) => [gap.from / MIN, gap.to / MIN]);
}

describe('gap detector', () => {
  it.each([
    { name: 'a regular 5-minute series', minutes: [0, 5, 10, 15, 20, 25, 30], gaps: [] },
    { name: 'one missed reading', minutes: [0, 5, 10, 15, 25, 30], gaps: [[15, 25]] },
    { name: 'jitter within the tolerance', minutes: [0, 5, 11, 15, 22, 25], gaps: [] },
    { name: 'two missed readings', minutes: [0, 5, 10, 15, 30, 35], gaps: [[15, 30]] },
    { name: 'a duplicate', minutes: [0, 5, 10, 15, 15, 20], gaps: [] },
    { name: 'a late reading', minutes: [0, 5, 10, 20, 15, 25, 30], gaps: [] },
    { name: 'a jump before the cadence is learned', minutes: [0, 5, 60, 65, 70], gaps: [] },
    { name: 'the overnight silence', minutes: [0, 5, 10, 15, 675, 680], gaps: [[15, 675]] },
  ])('learned cadence: $name', ({ minutes, gaps }) => {
    expect(gapsOf(minutes)).toEqual(gaps);
  });

  it.each([
    { name: 'reports from the first interval', minutes: [0, 15], gaps: [[0, 15]] },
    { name: 'tolerates 1.5 × the interval', minutes: [0, 7.5, 15], gaps: [] },
    { name: 'reports just above it', minutes: [0, 7.6], gaps: [[0, 7.6]] },
  ])('configured cadence of 5 minutes $name', ({ minutes, gaps }) => {
    expect(gapsOf(minutes, new GapDetector({ expectedIntervalMs: 5 * MIN }))).toEqual(gaps);
  });

  it('reports a gap with exclusive bounds, the partition and the cadence it was judged against', () => {
    const detector = new GapDetector();
    for (const minute of [0, 5, 10, 15]) detector.observe(3, SN, minute * MIN);
    expect(detector.observe(3, SN, 40 * MIN)).toEqual({
      serialNumber: SN,
      partition: 3,
      from: 15 * MIN,
      to: 40 * MIN,
      cadenceMs: 5 * MIN,
    });
  });

  it('honours the tolerance factor', () => {
    const lenient = new GapDetector({ expectedIntervalMs: 5 * MIN, toleranceFactor: 2.5 });
    expect(gapsOf([0, 10, 22.5], lenient)).toEqual([]);
    expect(gapsOf([35.5], lenient)).toEqual([[22.5, 35.5]]);
  });

  it('keeps the cadence after the overnight gap', () => {
    const detector = new GapDetector();
    gapsOf([0, 5, 10, 15, 675, 680, 685], detector);
    expect(detector.cadenceOf(SN)).toBe(5 * MIN);
  });

  it('reports the first three intervals of a lasting change of interval, then adopts it', () => {
    const detector = new GapDetector();
    gapsOf([0, 5, 10, 15, 20], detector);
    expect(gapsOf([35, 50, 65, 80, 95], detector)).toEqual([
      [20, 35],
      [35, 50],
      [50, 65],
    ]);
    expect(detector.cadenceOf(SN)).toBe(15 * MIN);
  });

  it('keeps inverters independent', () => {
    const detector = new GapDetector({ expectedIntervalMs: 5 * MIN });
    detector.observe(0, 'A', 0);
    detector.observe(0, 'B', 0);
    expect(detector.observe(0, 'A', 5 * MIN)).toBeUndefined();
    expect(detector.observe(0, 'B', 30 * MIN)?.serialNumber).toBe('B');
  });

  it('raises nothing while rebuilding, then detects from the rebuilt state', () => {
    const detector = new GapDetector();
    for (const minute of [0, 5, 10, 15, 60]) detector.rebuild(0, SN, minute * MIN);
    expect(detector.stats.gaps).toBe(0);
    expect(detector.observe(0, SN, 65 * MIN)).toBeUndefined();
    expect(detector.observe(0, SN, 90 * MIN)).toMatchObject({ from: 65 * MIN, to: 90 * MIN });
  });

  it('forgets a dropped partition, so its next reading starts afresh', () => {
    const detector = new GapDetector({ expectedIntervalMs: 5 * MIN });
    detector.observe(1, 'A', 0);
    detector.observe(2, 'B', 0);
    expect(detector.dropPartition(1)).toBe(1);
    expect(detector.size).toBe(1);
    expect(detector.observe(1, 'A', 60 * MIN)).toBeUndefined();
    expect(detector.observe(2, 'B', 60 * MIN)).toBeDefined();
  });

  it('drops an inverter seen on several partitions with any of them (unkeyed topic)', () => {
    const detector = new GapDetector();
    detector.observe(1, 'A', 0);
    detector.observe(2, 'A', MIN);
    expect(detector.dropPartition(1)).toBe(1);
    expect(detector.size).toBe(0);
  });

  it('counts duplicates and late readings', () => {
    const detector = new GapDetector();
    gapsOf([0, 5, 5, 10, 3], detector);
    expect(detector.stats).toEqual({ tracked: 1, observed: 5, gaps: 0, duplicates: 1, late: 1 });
  });

  it('round-trips its state through snapshot and restore', () => {
    const before = new GapDetector();
    gapsOf([0, 5, 10, 15], before);
    const entries = before.snapshot(0);
    expect(entries).toEqual([{ serialNumber: SN, lastTimeMs: 15 * MIN, cadenceMs: 5 * MIN }]);
    const after = new GapDetector();
    after.restore(0, entries);
    expect(after.observe(0, SN, 40 * MIN)).toMatchObject({ from: 15 * MIN, to: 40 * MIN });
  });

  it('stops tracking new inverters at the cap instead of growing without bound', () => {
    const detector = new GapDetector({ index: new SerialIndex({ maxSerials: 2 }) });
    for (const serial of ['A', 'B', 'C']) detector.observe(0, serial, 0);
    expect(detector.size).toBe(2);
  });

  it('grows past its initial capacity without losing state', () => {
    const detector = new GapDetector({ expectedIntervalMs: MIN, index: new SerialIndex({ initialCapacity: 2 }) });
    for (let i = 0; i < 100; i++) detector.observe(0, `SN${i}`, 0);
    expect(detector.observe(0, 'SN0', 10 * MIN)).toMatchObject({ from: 0, to: 10 * MIN });
    expect(detector.observe(0, 'SN99', MIN)).toBeUndefined();
  });

  it('never reports a gap for a regular series with jitter below the tolerance', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1_000, max: 3_600_000 }),
        fc.array(fc.double({ min: -0.09, max: 0.09, noNaN: true }), { minLength: 2, maxLength: 60 }),
        fc.boolean(),
        (cadenceMs, jitters, configured) => {
          const detector = new GapDetector(configured ? { expectedIntervalMs: cadenceMs } : {});
          // Jitter below 0.1 × cadence keeps every interval (< 1.2 c) under 1.5 × the learned median (> 0.8 c).
          return jitters.every((jitter, i) => detector.observe(0, SN, (i + jitter) * cadenceMs) === undefined);
        },
      ),
    );
  });
});
