import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DedupeWindow } from '../../../src/gaps/dedupe-window.js';
import { GapDetector } from '../../../src/gaps/gap-detector.js';
import { SerialIndex } from '../../../src/gaps/serial-index.js';

const MIN = 60_000;

/** Feeds (serial, minute) readings on partition 0 and returns which were duplicates. */
function duplicatesOf(readings: [string, number][], dedupe = new DedupeWindow()): boolean[] {
  return readings.map(([serial, minute]) => dedupe.seen(0, serial, minute * MIN));
}

describe('dedupe window', () => {
  // Regression: in the autumn daylight-saving hour, times without a UTC offset repeat, and
  // dedupe on (serial, time) dropped the second hour's genuine readings.
  it.each([
    { name: 'the same time with other content is a distinct reading', prints: [11, 22], duplicates: [false, false] },
    { name: 'the same time with the same content is a duplicate', prints: [11, 11], duplicates: [false, true] },
    { name: 'unknown content (0) falls back to the time alone', prints: [11, 0], duplicates: [false, true] },
    { name: 'a reading remembered without content matches any content', prints: [0, 22], duplicates: [false, true] },
    {
      name: 'both hours pass, and each repeat is dropped',
      prints: [11, 22, 11, 22],
      duplicates: [false, false, true, true],
    },
  ])('$name', ({ prints, duplicates }) => {
    const dedupe = new DedupeWindow();
    expect(prints.map((print) => dedupe.seen(0, 'A', 150 * MIN, print))).toEqual(duplicates);
  });

  it('has() tells content apart the same way, without remembering', () => {
    const dedupe = new DedupeWindow();
    dedupe.seen(0, 'A', 5 * MIN, 11);
    expect([dedupe.has('A', 5 * MIN, 11), dedupe.has('A', 5 * MIN, 22), dedupe.has('A', 5 * MIN)]).toEqual([
      true,
      false,
      true,
    ]);
    expect(dedupe.has('A', 5 * MIN, 22)).toBe(false);
  });

  it.each([
    {
      name: 'distinct readings pass',
      readings: [
        ['A', 0],
        ['A', 5],
        ['B', 0],
      ],
      duplicates: [false, false, false],
    },
    {
      name: 'a redelivered reading is dropped',
      readings: [
        ['A', 0],
        ['A', 5],
        ['A', 0],
      ],
      duplicates: [false, false, true],
    },
    {
      name: 'a duplicate publish is dropped',
      readings: [
        ['A', 5],
        ['A', 5],
      ],
      duplicates: [false, true],
    },
    {
      name: 'serials are independent',
      readings: [
        ['A', 5],
        ['B', 5],
      ],
      duplicates: [false, false],
    },
    {
      name: 'a refill of a reading that arrived late live is dropped',
      readings: [
        ['A', 0],
        ['A', 20],
        ['A', 10],
        ['A', 5],
        ['A', 10],
        ['A', 15],
      ],
      duplicates: [false, false, false, false, true, false],
    },
  ] as { name: string; readings: [string, number][]; duplicates: boolean[] }[])('$name', ({ readings, duplicates }) => {
    expect(duplicatesOf(readings)).toEqual(duplicates);
  });

  it('remembers the last `depth` readings given, oldest given evicted first, and then lets it through', () => {
    const dedupe = new DedupeWindow({ depth: 3 });
    duplicatesOf(
      [
        ['A', 0],
        ['A', 5],
        ['A', 10],
        ['A', 15],
      ],
      dedupe,
    );
    // 0 was evicted: it cannot be proven a duplicate, so it is delivered (at least once).
    expect(
      duplicatesOf(
        [
          ['A', 0],
          ['A', 10],
        ],
        dedupe,
      ),
    ).toEqual([false, true]);
  });

  it('checks without remembering with has()', () => {
    const dedupe = new DedupeWindow();
    dedupe.seen(0, 'A', 0);
    expect([dedupe.has('A', 0), dedupe.has('A', MIN), dedupe.has('B', 0)]).toEqual([true, false, false]);
    expect(dedupe.size).toBe(1);
  });

  it('forgets a dropped partition', () => {
    const dedupe = new DedupeWindow();
    dedupe.seen(1, 'A', 0);
    dedupe.seen(2, 'B', 0);
    dedupe.dropPartition(1);
    expect([dedupe.seen(1, 'A', 0), dedupe.seen(2, 'B', 0)]).toEqual([false, true]);
  });

  it('shares the index with the detector: a revoke drops both, a reused slot starts empty', () => {
    const index = new SerialIndex();
    const detector = new GapDetector({ index, expectedIntervalMs: 5 * MIN });
    const dedupe = new DedupeWindow({ index });
    detector.observe(1, 'A', 0);
    dedupe.seen(1, 'A', 0);
    index.dropPartition(1);
    expect(dedupe.seen(1, 'B', 0)).toBe(false);
    expect(detector.observe(1, 'B', 60 * MIN)).toBeUndefined();
    expect(index.size).toBe(1);
  });

  it('counts checks and duplicates', () => {
    const dedupe = new DedupeWindow();
    duplicatesOf(
      [
        ['A', 0],
        ['A', 0],
        ['B', 0],
      ],
      dedupe,
    );
    expect(dedupe.stats).toEqual({ tracked: 2, checked: 3, duplicates: 1 });
  });

  it('never drops the first sighting of a reading', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('A', 'B', 'C'), fc.integer({ min: 0, max: 40 })), { maxLength: 200 }),
        fc.integer({ min: 1, max: 8 }),
        (readings, depth) => {
          const dedupe = new DedupeWindow({ depth });
          const sighted = new Set<string>();
          return readings.every(([serial, minute]) => {
            const first = !sighted.has(`${serial}@${minute}`);
            sighted.add(`${serial}@${minute}`);
            return !(first && dedupe.seen(0, serial, minute * MIN));
          });
        },
      ),
    );
  });
});
