import { describe, expect, it } from 'vitest';
import type { DetectedGap } from '../../../src/gaps/gap-detector.js';
import { RefillPlanner, type RefillPlannerOptions } from '../../../src/gaps/refill-planner.js';
import type { RefillScan } from '../../../src/gaps/refill-scan.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

function fakeClock(startMs = 0): { now: () => number; advance: (ms: number) => void } {
  let now = startMs;
  return { now: () => now, advance: (ms) => (now += ms) };
}

const gap = (serialNumber: string, partition: number, fromMin: number, toMin: number): DetectedGap => ({
  serialNumber,
  partition,
  from: fromMin * MIN,
  to: toMin * MIN,
  cadenceMs: 5 * MIN,
});

/** A planner whose scans start at once, without limits unless asked. */
function planner(options: RefillPlannerOptions = {}) {
  const clock = fakeClock();
  const plan = new RefillPlanner({
    settleMs: 0,
    maxConcurrentScans: 100,
    maxScansPerSecond: Number.POSITIVE_INFINITY,
    clock,
    ...options,
  });
  return { plan, clock };
}

function drain(plan: RefillPlanner): RefillScan[] {
  const scans: RefillScan[] = [];
  for (let scan = plan.next(); scan; scan = plan.next()) scans.push(scan);
  return scans;
}

const windows = (scans: RefillScan[]) => scans.map((s) => [s.partitions, s.fromMs / MIN, s.toMs / MIN]);

describe('refill planner', () => {
  it.each([
    { name: 'overlapping windows', gaps: [gap('A', 0, 0, 30), gap('B', 0, 20, 50)], scans: [[[0], 0, 50]] },
    { name: 'windows within mergeWithinMs', gaps: [gap('A', 0, 0, 30), gap('B', 0, 39, 50)], scans: [[[0], 0, 50]] },
    {
      name: 'windows further apart',
      gaps: [gap('A', 0, 0, 30), gap('B', 0, 41, 50)],
      scans: [
        [[0], 0, 30],
        [[0], 41, 50],
      ],
    },
    {
      name: 'windows on different partitions',
      gaps: [gap('A', 0, 0, 30), gap('B', 1, 0, 30)],
      scans: [
        [[0], 0, 30],
        [[1], 0, 30],
      ],
    },
    {
      name: 'a gap bridging two waiting scans',
      gaps: [gap('A', 0, 0, 10), gap('B', 0, 40, 50), gap('C', 0, 15, 35)],
      scans: [[[0], 0, 50]],
    },
  ])('merges $name as expected', ({ gaps, scans }) => {
    const { plan } = planner({ mergeWithinMs: 10 * MIN });
    for (const g of gaps) plan.enqueue(g);
    expect(windows(drain(plan))).toEqual(scans);
  });

  it('reads every partition for a topic not keyed by serial number, and merges across them', () => {
    const { plan } = planner({ keyedBySerial: false, partitionCount: 3 });
    plan.enqueue(gap('A', 0, 0, 30));
    plan.enqueue(gap('B', 2, 10, 40));
    expect(windows(drain(plan))).toEqual([[[0, 1, 2], 0, 40]]);
  });

  it('lists the gaps a scan serves and delivers only records inside them', () => {
    const { plan } = planner();
    plan.enqueue(gap('A', 0, 0, 30));
    plan.enqueue(gap('B', 0, 10, 20));
    const [scan] = drain(plan);
    expect(scan!.gaps).toEqual([
      { serialNumber: 'A', partition: 0, fromMs: 0, toMs: 30 * MIN },
      { serialNumber: 'B', partition: 0, fromMs: 10 * MIN, toMs: 20 * MIN },
    ]);
    const wanted = [
      ['A', 5],
      ['A', 30],
      ['B', 5],
      ['B', 15],
      ['C', 15],
    ].map(([serial, minute]) => plan.wants(scan!, serial as string, (minute as number) * MIN));
    expect(wanted).toEqual([true, false, false, true, false]);
  });

  it('starts a scan only after settleMs, at most maxConcurrentScans at once and maxScansPerSecond', () => {
    const { plan, clock } = planner({ settleMs: 2 * MIN, maxConcurrentScans: 2, maxScansPerSecond: 1 });
    for (const p of [0, 1, 2]) plan.enqueue(gap(`S${p}`, p, 0, 30));
    expect(plan.next()).toBeUndefined();
    expect(plan.nextReadyInMs()).toBe(2 * MIN);
    clock.advance(2 * MIN);
    const first = plan.next();
    expect(first).toBeDefined();
    expect(plan.next()).toBeUndefined();
    expect(plan.nextReadyInMs()).toBe(1000);
    clock.advance(1000);
    expect(plan.next()).toBeDefined();
    clock.advance(1000);
    expect([plan.next(), plan.nextReadyInMs(), plan.running, plan.queued]).toEqual([undefined, undefined, 2, 1]);
    plan.complete(first!);
    expect(plan.next()?.partitions).toEqual([2]);
  });

  it('ends each gap of a completed scan with its outcome', () => {
    const { plan } = planner();
    plan.enqueue(gap('A', 0, 0, 30));
    plan.enqueue(gap('B', 0, 0, 30));
    plan.enqueue(gap('C', 0, 0, 30));
    const [scan] = drain(plan);
    for (let minute = 5; minute < 30; minute += 5) plan.recordFound(scan!, 'A', minute * MIN);
    plan.recordFound(scan!, 'B', 10 * MIN);
    expect(plan.recordFound(scan!, 'C', 45 * MIN)).toBe(false);
    const outcomes = plan.complete(scan!).map((e) => [e.serialNumber, e.outcome, e.recovered, e.expected]);
    expect(outcomes).toEqual([
      ['A', 'refilled', 5, 5],
      ['B', 'partial', 1, 5],
      ['C', 'not-in-log', 0, 5],
    ]);
    expect(plan.pendingGaps).toBe(0);
  });

  it('reports beyond-retention from the latest earliest-retained time of the scanned partitions', () => {
    const { plan } = planner({ keyedBySerial: false, partitionCount: 2 });
    plan.enqueue(gap('A', 0, 0, 30));
    const [scan] = drain(plan);
    const [event] = plan.complete(
      scan!,
      new Map([
        [0, -HOUR],
        [1, 10 * MIN],
      ]),
    );
    expect(event).toMatchObject({ outcome: 'beyond-retention', lost: { from: new Date(0), to: new Date(10 * MIN) } });
  });

  it('closes a waiting gap that late live readings fill, without a scan', () => {
    const { plan } = planner({ settleMs: 5 * MIN });
    plan.enqueue(gap('A', 0, 0, 15));
    expect(plan.noteLiveReading('A', 5 * MIN)).toBeUndefined();
    expect(plan.noteLiveReading('A', 10 * MIN)).toMatchObject({ outcome: 'refilled', recovered: 2, expected: 2 });
    expect([plan.queued, plan.pendingGaps]).toEqual([0, 0]);
  });

  it('shrinks a waiting gap to the hole late readings leave, and counts them as recovered', () => {
    const { plan } = planner({ settleMs: 0 });
    plan.enqueue(gap('A', 0, 0, 40));
    plan.noteLiveReading('A', 5 * MIN);
    plan.noteLiveReading('A', 10 * MIN);
    plan.noteLiveReading('A', 35 * MIN);
    const [scan] = drain(plan);
    expect([scan!.fromMs / MIN, scan!.toMs / MIN]).toEqual([10, 35]);
    plan.recordFound(scan!, 'A', 20 * MIN);
    expect(plan.complete(scan!)[0]).toMatchObject({ from: new Date(0), outcome: 'partial', recovered: 4, expected: 7 });
  });

  it('counts a late reading of a running scan once, even if the scan finds it too', () => {
    const { plan } = planner();
    plan.enqueue(gap('A', 0, 0, 15));
    const [scan] = drain(plan);
    expect(plan.noteLiveReading('A', 5 * MIN)).toBeUndefined();
    plan.recordFound(scan!, 'A', 5 * MIN);
    plan.recordFound(scan!, 'A', 10 * MIN);
    expect(plan.complete(scan!)[0]).toMatchObject({ outcome: 'refilled', recovered: 2 });
  });

  it('ignores live readings outside pending gaps', () => {
    const { plan } = planner();
    plan.enqueue(gap('A', 0, 0, 15));
    expect([plan.noteLiveReading('A', 20 * MIN), plan.noteLiveReading('B', 5 * MIN)]).toEqual([undefined, undefined]);
    expect(plan.pendingGaps).toBe(1);
  });

  it('puts a failed scan back at the front of the queue, keeping what it found', () => {
    const { plan } = planner();
    plan.enqueue(gap('A', 0, 0, 15));
    const first = plan.next()!;
    plan.recordFound(first, 'A', 5 * MIN);
    plan.retry(first);
    expect(plan.complete(first)).toEqual([]);
    const again = plan.next()!;
    plan.recordFound(again, 'A', 10 * MIN);
    expect(plan.complete(again)[0]).toMatchObject({ outcome: 'refilled', recovered: 2 });
  });

  it('refills a fleet waking at sunrise with a handful of scans, not one per inverter', () => {
    const clock = fakeClock(19 * HOUR);
    const partitions = 6;
    const plan = new RefillPlanner({ clock, maxConcurrentScans: 2 });
    const started: RefillScan[] = [];
    const running: { scan: RefillScan; endsAtMs: number }[] = [];
    // 2,000 inverters fell silent between 18:55 and 19:00 and wake between 06:00 and 06:05.
    const wakes = Array.from({ length: 2000 }, (_, i) => ({
      serial: `SN${i}`,
      fromMs: 18 * HOUR + 55 * MIN + ((i * 7919) % 300) * 1000,
      toMs: 30 * HOUR + ((i * 104_729) % 300) * 1000,
    })).sort((a, b) => a.toMs - b.toMs);
    let events = 0;
    // The executor: polls every second, each scan takes 20 s.
    for (let now = 30 * HOUR; now <= 30 * HOUR + 15 * MIN; now += 1000) {
      clock.advance(now - clock.now());
      while (wakes[0] && wakes[0].toMs <= now) {
        const { serial, fromMs, toMs } = wakes.shift()!;
        const partition = Number(serial.slice(2)) % partitions;
        plan.enqueue({ serialNumber: serial, partition, from: fromMs, to: toMs, cadenceMs: 5 * MIN });
      }
      for (const done of running.filter((r) => r.endsAtMs <= now)) {
        running.splice(running.indexOf(done), 1);
        events += plan.complete(done.scan).length;
      }
      for (let scan = plan.next(); scan; scan = plan.next()) {
        started.push(scan);
        running.push({ scan, endsAtMs: now + 20_000 });
      }
    }
    expect(events).toBe(2000);
    expect(started.length).toBeLessThanOrEqual(3 * partitions);
    expect(started.every((scan) => scan.partitions.length === 1)).toBe(true);
  });

  describe('handing gaps over', () => {
    it('drain() takes every gap without an event, waiting or running, and a drained scan completes with nothing', () => {
      const { plan } = planner();
      plan.enqueue(gap('A', 0, 0, 30));
      const [running] = drain(plan);
      plan.enqueue(gap('B', 1, 0, 30));
      expect(
        plan
          .drain()
          .map((g) => g.serialNumber)
          .sort(),
      ).toEqual(['A', 'B']);
      expect(plan.complete(running!)).toEqual([]);
      expect([plan.pendingGaps, plan.queued, plan.running]).toEqual([0, 0, 0]);
    });

    it("drainPartition() takes one partition's gaps, waiting and running, and leaves the others", () => {
      const { plan } = planner({ mergeWithinMs: 0 });
      plan.enqueue(gap('A', 0, 0, 30));
      const [running] = drain(plan);
      plan.enqueue(gap('B', 0, 100, 130));
      plan.enqueue(gap('C', 1, 0, 30));
      const taken = plan.drainPartition(0);
      expect(taken.gaps.map((g) => g.serialNumber).sort()).toEqual(['A', 'B']);
      expect(taken.scans).toEqual([running!.id]);
      expect(plan.complete(running!)).toEqual([]);
      expect(drain(plan).map((s) => s.gaps.map((g) => g.serialNumber))).toEqual([['C']]);
    });

    it('keeps what an earlier run recovered of a handed-over gap in its event', () => {
      const { plan } = planner();
      plan.enqueue(gap('A', 0, 0, 30), 2);
      const [scan] = drain(plan);
      plan.recordFound(scan!, 'A', 20 * MIN);
      expect(plan.complete(scan!)).toMatchObject([{ recovered: 3, expected: 5, outcome: 'partial' }]);
    });
  });
});
