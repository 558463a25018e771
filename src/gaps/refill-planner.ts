import { systemClock, type Clock } from '../internal/clock.js';
import type { DetectedGap } from './gap-detector.js';
import type { GapEvent } from './gap-outcome.js';
import { PendingGap, type SeenReading } from './pending-gap.js';
import { PlannedScan, pushTo, type RefillScan } from './refill-scan.js';

/** Options of {@link RefillPlanner}. */
export interface RefillPlannerOptions {
  /** Whether message keys are serial numbers: then only the gap's partition is read. @default true */
  keyedBySerial?: boolean;
  /** Partitions of the topic; every one is read for a topic not keyed by serial. @default 1 */
  partitionCount?: number;
  /** Windows of one partition this close or overlapping are read by one scan. @default 600_000 */
  mergeWithinMs?: number;
  /** How long a new scan waits for more gaps to merge in and late readings to arrive. @default 120_000 */
  settleMs?: number;
  /** Scans running at once. @default 2 */
  maxConcurrentScans?: number;
  /** Scans started per second at most. @default 1 */
  maxScansPerSecond?: number;
  /** As the detector's: a hole left by late readings at most this × cadence is closed. @default 1.5 */
  toleranceFactor?: number;
  /** Source of time for `settleMs` and the start rate. @default systemClock */
  clock?: Clock;
}

/**
 * Turns detected gaps into as few log reads as possible and every gap into a
 * {@link GapEvent}. Gaps on one partition (any partition when the topic is not keyed by serial
 * number) whose windows overlap or lie within `mergeWithinMs` share a waiting scan, so a fleet
 * waking at sunrise costs a few scans, not one per inverter. A scan starts `settleMs` after it was
 * created, within `maxConcurrentScans` and `maxScansPerSecond`. Pure: the executor polls
 * {@link next}, reads, counts with {@link recordFound}, then calls {@link complete}.
 */
export class RefillPlanner {
  #keyed: boolean;
  #confirmed = 0;
  readonly #partitionCount: number;
  readonly #mergeWithinMs: number;
  readonly #settleMs: number;
  readonly #maxConcurrent: number;
  readonly #minStartIntervalMs: number;
  readonly #toleranceFactor: number;
  readonly #clock: Clock;
  readonly #queue: PlannedScan[] = [];
  readonly #running = new Map<number, PlannedScan>();
  readonly #bySerial = new Map<string, PendingGap[]>();
  readonly #scanOf = new Map<PendingGap, PlannedScan>();
  #nextId = 1;
  #lastStartMs = Number.NEGATIVE_INFINITY;

  constructor(options: RefillPlannerOptions = {}) {
    this.#keyed = options.keyedBySerial ?? true;
    this.#partitionCount = options.partitionCount ?? 1;
    this.#mergeWithinMs = options.mergeWithinMs ?? 600_000;
    this.#settleMs = options.settleMs ?? 120_000;
    this.#maxConcurrent = options.maxConcurrentScans ?? 2;
    this.#minStartIntervalMs = 1000 / (options.maxScansPerSecond ?? 1);
    this.#toleranceFactor = options.toleranceFactor ?? 1.5;
    this.#clock = options.clock ?? systemClock;
  }

  /**
   * Queues a detected gap, merging it into a waiting scan of its partition when close enough.
   * `recoveredBefore` counts readings an earlier run recovered of a gap it handed over;
   * `toPublishedMs` is the Kafka time of the reading that revealed it. Once the topic is known not
   * to be keyed by serial number, a gap is queued as a suspect (see {@link PendingGap.toSuspectEvents}).
   */
  enqueue(detected: DetectedGap, recoveredBefore = 0, toPublishedMs?: number): void {
    this.#enqueue(new PendingGap(detected, recoveredBefore, toPublishedMs));
  }

  #enqueue(gap: PendingGap): void {
    if (!this.#keyed) gap.suspect = true;
    const key = this.#keyed ? gap.partition : -1;
    const near = this.#queue.filter((scan) => scan.key === key && scan.isNear(gap.from, gap.to, this.#mergeWithinMs));
    let target = near[0];
    if (target) {
      // A gap can bridge two waiting scans: they become one, keeping the older one's place.
      for (const scan of near.slice(1)) {
        for (const absorbed of scan.gaps) this.#place(target, absorbed);
        this.#queue.splice(this.#queue.indexOf(scan), 1);
      }
    } else {
      target = new PlannedScan(this.#nextId++, key, this.#clock.now());
      this.#queue.push(target);
    }
    this.#place(target, gap);
    pushTo(this.#bySerial, gap.serialNumber, gap);
  }

  /**
   * Tells the planner about a live reading that was not a duplicate. A late one inside a pending
   * gap is a recovered reading; while the gap's scan waits, it shrinks the window to read, and
   * when no hole wider than the tolerance is left the gap ends here: its event is returned.
   */
  noteLiveReading(serialNumber: string, timeMs: number): GapEvent | undefined {
    // A suspect is judged by its scan, which tells interleaving from lateness by publish time.
    const gap = this.#bySerial.get(serialNumber)?.find((pending) => !pending.suspect && pending.contains(timeMs));
    if (!gap) return undefined;
    gap.addLate(timeMs);
    const scan = this.#scanOf.get(gap);
    // A running scan reads the windows it started with; the late reading is counted all the same.
    if (!scan || scan.bySerial) return undefined;
    if (gap.shrink(this.#toleranceFactor)) {
      scan.refresh();
      return undefined;
    }
    scan.refresh(gap);
    if (scan.gaps.length === 0) this.#queue.splice(this.#queue.indexOf(scan), 1);
    this.#forget(gap);
    return gap.toEvent();
  }

  /** The next scan to run now, or undefined when none is due or the limits are reached. */
  next(): RefillScan | undefined {
    if (this.nextReadyInMs() !== 0) return undefined;
    const scan = this.#queue.shift()!;
    this.#running.set(scan.id, scan);
    this.#lastStartMs = this.#clock.now();
    return scan.start(scan.key >= 0 ? [scan.key] : Array.from({ length: this.#partitionCount }, (_, p) => p));
  }

  /**
   * Milliseconds until {@link next} can return a scan (0: now), or undefined when nothing is
   * queued or every concurrency slot is busy (a {@link complete} changes that).
   */
  nextReadyInMs(): number | undefined {
    const scan = this.#queue[0];
    if (!scan || this.#running.size >= this.#maxConcurrent) return undefined;
    const readyAt = Math.max(scan.createdAtMs + this.#settleMs, this.#lastStartMs + this.#minStartIntervalMs);
    return Math.max(0, readyAt - this.#clock.now());
  }

  /**
   * Stops assuming the topic is keyed by serial number: gaps are read on every partition, as
   * suspects. Gaps waiting to be read become suspects too (they were probably readings of other
   * partitions not read yet); returns how many, which were counted as gaps and no longer are.
   * Running scans finish as they started.
   */
  assumeUnkeyed(): number {
    if (!this.#keyed) return 0;
    this.#keyed = false;
    const waiting = this.#queue.splice(0).flatMap((scan) => scan.gaps);
    for (const gap of waiting) {
      this.#forget(gap);
      this.#enqueue(new PendingGap(gap, gap.recoveredBefore, gap.toPublishedMs));
    }
    return waiting.length;
  }

  /** Whether gaps are read on their own partition only. */
  get keyedBySerial(): boolean {
    return this.#keyed;
  }

  /** Suspects confirmed as gaps by {@link complete} since the last call. */
  takeConfirmed(): number {
    const confirmed = this.#confirmed;
    this.#confirmed = 0;
    return confirmed;
  }

  /** Whether the reading belongs to a suspect of the scan (see {@link noteSeen}). */
  isSuspect(scan: RefillScan, serialNumber: string, timeMs: number): boolean {
    return this.#gapOf(scan, serialNumber, timeMs)?.suspect ?? false;
  }

  /** Notes a reading of a suspect found by the scan. */
  noteSeen(scan: RefillScan, serialNumber: string, reading: SeenReading): void {
    this.#gapOf(scan, serialNumber, reading.timeMs)?.noteSeen(reading);
  }

  /** Which partitions this consumer owns, for suspects' events; every one unless told. */
  owns: (partition: number) => boolean = () => true;

  /** Whether a record read by `scan` belongs to one of its gaps (and should be delivered). */
  wants(scan: RefillScan, serialNumber: string, timeMs: number): boolean {
    return this.#gapOf(scan, serialNumber, timeMs) !== undefined;
  }

  /**
   * Counts a record the scan delivered: call it after dedupe, so that a reading that also came
   * late on the live stream is counted once. Returns whether it belonged to one of the gaps.
   */
  recordFound(scan: RefillScan, serialNumber: string, timeMs: number): boolean {
    const gap = this.#gapOf(scan, serialNumber, timeMs);
    if (gap && !gap.isLate(timeMs)) gap.found++;
    return gap !== undefined;
  }

  /**
   * Ends a scan: one event per gap it served. `earliestRetainedMs` maps a partition to the time of
   * its earliest retained record; the latest among the scanned partitions decides
   * `beyond-retention`, since the gap's readings could have been on any of them.
   */
  complete(scan: RefillScan, earliestRetainedMs?: ReadonlyMap<number, number>): GapEvent[] {
    const running = this.#running.get(scan.id);
    if (!running) return [];
    this.#running.delete(scan.id);
    let earliest: number | undefined;
    for (const partition of scan.partitions) {
      const time = earliestRetainedMs?.get(partition);
      if (time !== undefined && (earliest === undefined || time > earliest)) earliest = time;
    }
    const events: GapEvent[] = [];
    for (const gap of running.gaps) {
      this.#forget(gap);
      if (!gap.suspect) {
        events.push(gap.toEvent(earliest));
        continue;
      }
      const found = gap.toSuspectEvents(this.#toleranceFactor, this.owns, earliest);
      this.#confirmed += found.length;
      events.push(...found);
    }
    return events;
  }

  /** Puts a failed scan back in front of the queue; what it already delivered stays counted. */
  retry(scan: RefillScan): void {
    const running = this.#running.get(scan.id);
    if (!running) return;
    this.#running.delete(scan.id);
    running.bySerial = undefined;
    this.#queue.unshift(running);
  }

  /**
   * Takes every gap without an event out of the planner (waiting scans and running ones, whose
   * later {@link complete} then returns nothing): for a consumer that closes, to hand them over
   * or end them explicitly, so that no gap found goes without an event.
   */
  drain(): PendingGap[] {
    const gaps = [...this.#queue, ...this.#running.values()].flatMap((scan) => scan.gaps);
    this.#queue.length = 0;
    this.#running.clear();
    for (const gap of gaps) this.#forget(gap);
    // A suspect not yet confirmed was never counted as a gap: it ends with nothing.
    return gaps.filter((gap) => !gap.suspect);
  }

  /**
   * Takes the gaps of one partition out of the planner, for a partition that moves elsewhere with
   * its state: waiting gaps revealed on it, and running scans that read only it (their later
   * {@link complete} returns nothing). Scans over every partition (a topic not keyed by serial
   * number) keep running here. Returns the gaps and the ids of the running scans taken.
   */
  drainPartition(partition: number): { gaps: PendingGap[]; scans: number[] } {
    const gaps: PendingGap[] = [];
    for (const scan of [...this.#queue]) {
      const mine = scan.gaps.filter((gap) => gap.partition === partition);
      for (const gap of mine) scan.refresh(gap);
      if (scan.gaps.length === 0) this.#queue.splice(this.#queue.indexOf(scan), 1);
      gaps.push(...mine);
    }
    const scans: number[] = [];
    for (const [id, scan] of this.#running) {
      if (scan.key !== partition) continue;
      this.#running.delete(id);
      gaps.push(...scan.gaps);
      scans.push(id);
    }
    for (const gap of gaps) this.#forget(gap);
    return { gaps: gaps.filter((gap) => !gap.suspect), scans };
  }

  /** Scans waiting to start. */
  get queued(): number {
    return this.#queue.length;
  }

  /** Scans started and not completed. */
  get running(): number {
    return this.#running.size;
  }

  /** Gaps without an event yet. */
  get pendingGaps(): number {
    return this.#scanOf.size;
  }

  #place(scan: PlannedScan, gap: PendingGap): void {
    scan.add(gap);
    this.#scanOf.set(gap, scan);
  }

  #gapOf(scan: RefillScan, serialNumber: string, timeMs: number): PendingGap | undefined {
    const gaps = this.#running.get(scan.id)?.bySerial?.get(serialNumber);
    return gaps?.find((gap) => gap.inWindow(timeMs));
  }

  #forget(gap: PendingGap): void {
    this.#scanOf.delete(gap);
    const list = this.#bySerial.get(gap.serialNumber);
    if (!list) return;
    list.splice(list.indexOf(gap), 1);
    if (list.length === 0) this.#bySerial.delete(gap.serialNumber);
  }
}
