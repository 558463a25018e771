import { describe, expect, it } from 'vitest';
import { PendingGap, type SeenReading } from '../../../src/gaps/pending-gap.js';
import { RefillPlanner } from '../../../src/gaps/refill-planner.js';

const MIN = 60_000;
const cadenceMs = 5 * MIN;

/** A suspect from minute `from` to minute `to`, ended by a reading on partition 0 published at `to`. */
function suspect(from: number, to: number): PendingGap {
  const gap = new PendingGap(
    { serialNumber: 'SN1', partition: 0, from: from * MIN, to: to * MIN, cadenceMs },
    0,
    to * MIN,
  );
  gap.suspect = true;
  return gap;
}

/** [minute, partition, published minute, delivered by this scan] */
type Seen = [number, number, number, boolean?];
const seen = ([minute, partition, published, delivered]: Seen): SeenReading => ({
  timeMs: minute * MIN,
  partition,
  publishedMs: published * MIN,
  delivered: delivered ?? false,
});

describe('a suspect gap on a topic not keyed by serial number', () => {
  it.each<{
    name: string;
    readings: Seen[];
    owned: number[];
    events: { from: number; to: number; outcome: string; recovered: number }[];
  }>([
    {
      name: 'readings of other partitions filling the window: interleaving, no gap',
      readings: [
        [5, 1, 5],
        [10, 2, 10],
        [15, 3, 15],
      ],
      owned: [0],
      events: [],
    },
    {
      name: 'a hole nobody published, ended by this consumer’s reading: not-in-log',
      readings: [[5, 1, 5]],
      owned: [0],
      events: [{ from: 5, to: 20, outcome: 'not-in-log', recovered: 0 }],
    },
    {
      name: 'a hole ended by another member’s reading: left to that member',
      readings: [[20, 1, 20]],
      owned: [0],
      events: [],
    },
    {
      name: 'the same hole with that partition owned here: reported',
      readings: [[20, 1, 20]],
      owned: [0, 1],
      events: [{ from: 0, to: 20, outcome: 'not-in-log', recovered: 0 }],
    },
    {
      name: 'readings published late inside the hole: recovered, wherever they are',
      readings: [
        [5, 1, 40],
        [10, 2, 40],
        [15, 3, 40],
      ],
      owned: [0],
      events: [{ from: 0, to: 20, outcome: 'refilled', recovered: 3 }],
    },
    {
      name: 'readings this scan delivered (never delivered before): recovered',
      readings: [
        [5, 0, 5, true],
        [10, 0, 10, true],
        [15, 0, 15],
      ],
      owned: [0],
      events: [{ from: 0, to: 15, outcome: 'refilled', recovered: 2 }],
    },
  ])('$name', ({ readings, owned, events }) => {
    const gap = suspect(0, 20);
    for (const reading of readings) gap.noteSeen(seen(reading));
    const got = gap.toSuspectEvents(1.5, (p) => owned.includes(p));
    expect(
      got.map((e) => ({
        from: e.from.getTime() / MIN,
        to: e.to.getTime() / MIN,
        outcome: e.outcome,
        recovered: e.recovered,
      })),
    ).toEqual(events);
  });
});

describe('refill planner switching to a topic not keyed by serial number', () => {
  it('turns waiting gaps into suspects read on every partition, and says how many stop counting as gaps', () => {
    const plan = new RefillPlanner({
      settleMs: 0,
      partitionCount: 3,
      maxConcurrentScans: 10,
      maxScansPerSecond: Infinity,
    });
    plan.enqueue({ serialNumber: 'A', partition: 0, from: 0, to: 20 * MIN, cadenceMs }, 0, 20 * MIN);
    plan.enqueue({ serialNumber: 'B', partition: 1, from: 0, to: 20 * MIN, cadenceMs }, 0, 20 * MIN);
    expect(plan.assumeUnkeyed()).toBe(2);
    expect(plan.assumeUnkeyed()).toBe(0);
    const scan = plan.next()!;
    expect(scan.partitions).toEqual([0, 1, 2]);
    expect(plan.isSuspect(scan, 'A', 10 * MIN)).toBe(true);
    // Nothing found on any partition: both holes are real, each ended by a reading owned here.
    expect(plan.complete(scan).map((e) => [e.serialNumber, e.outcome])).toEqual([
      ['A', 'not-in-log'],
      ['B', 'not-in-log'],
    ]);
    expect(plan.takeConfirmed()).toBe(2);
  });

  it('does not let a late live reading end a suspect: its scan tells late from interleaved', () => {
    const plan = new RefillPlanner({ settleMs: 60_000 });
    plan.assumeUnkeyed();
    plan.enqueue({ serialNumber: 'A', partition: 0, from: 0, to: 10 * MIN, cadenceMs }, 0, 10 * MIN);
    expect(plan.noteLiveReading('A', 5 * MIN)).toBeUndefined();
    expect(plan.pendingGaps).toBe(1);
  });
});
