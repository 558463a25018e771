import type { DetectedGap } from './gap-detector.js';
import { classifyGap, GapOutcome, type GapEvent } from './gap-outcome.js';

/** A reading of a suspect's inverter that a scan found inside its window. */
export interface SeenReading {
  timeMs: number;
  /** Kafka record time. */
  publishedMs: number;
  partition: number;
  /** Whether the scan delivered it (it had not been delivered before). */
  delivered: boolean;
}

/**
 * A gap between detection and its {@link GapEvent}: reported, its refill not finished. Readings
 * inside it that arrive late on the live stream are recovered readings; they shrink the window
 * still to be read (while the scan has not started) and may close the gap altogether.
 */
export class PendingGap {
  readonly serialNumber: string;
  readonly partition: number;
  /** The gap as detected (exclusive bounds, epoch ms). */
  readonly from: number;
  readonly to: number;
  readonly cadenceMs: number;
  /** What still has to be read (exclusive bounds); within `from..to`. */
  windowFrom: number;
  windowTo: number;
  /** Readings delivered by the refill. */
  found = 0;
  /** Readings recovered by an earlier run that handed this gap over through a state store. */
  readonly recoveredBefore: number;
  /** Kafka time at which the reading ending the gap was published, when known. */
  readonly toPublishedMs: number | undefined;
  /**
   * Set on a topic not keyed by serial number: the gap is only a window to look at until a scan
   * of every partition tells which holes it really holds (see {@link toSuspectEvents}).
   */
  suspect = false;
  /** Telemetry times of late live readings inside the gap. */
  readonly #late: number[] = [];
  // Suspects only: the inverter's readings the scan found inside the window.
  readonly #seen: SeenReading[] = [];

  constructor(gap: DetectedGap, recoveredBefore = 0, toPublishedMs?: number) {
    this.recoveredBefore = recoveredBefore;
    this.toPublishedMs = toPublishedMs;
    this.serialNumber = gap.serialNumber;
    this.partition = gap.partition;
    this.from = this.windowFrom = gap.from;
    this.to = this.windowTo = gap.to;
    this.cadenceMs = gap.cadenceMs;
  }

  /** Whether a reading at `timeMs` lies inside the gap as detected. */
  contains(timeMs: number): boolean {
    return this.from < timeMs && timeMs < this.to;
  }

  /** Whether a reading at `timeMs` lies inside the window still to be read. */
  inWindow(timeMs: number): boolean {
    return this.windowFrom < timeMs && timeMs < this.windowTo;
  }

  /** Whether a late live reading at `timeMs` was already counted. */
  isLate(timeMs: number): boolean {
    return this.#late.includes(timeMs);
  }

  /** Counts a late live reading inside the gap (the caller checked {@link contains}). */
  addLate(timeMs: number): void {
    if (!this.#late.includes(timeMs)) this.#late.push(timeMs);
  }

  /**
   * Narrows the window to the holes the late readings left that are still wider than
   * `toleranceFactor × cadence`. Returns false when no such hole is left: the gap is closed.
   */
  shrink(toleranceFactor: number): boolean {
    const limit = toleranceFactor * this.cadenceMs;
    const points = [this.from, ...this.#late.toSorted((a, b) => a - b), this.to];
    let first: number | undefined;
    let last: number | undefined;
    for (let i = 1; i < points.length; i++) {
      const start = points[i - 1]!;
      const end = points[i]!;
      if (end - start <= limit) continue;
      first ??= start;
      last = end;
    }
    if (first === undefined || last === undefined) return false;
    this.windowFrom = first;
    this.windowTo = last;
    return true;
  }

  /** Readings inside the gap delivered since it was found (by refill, late, or in an earlier run). */
  get recovered(): number {
    return this.found + this.#late.length + this.recoveredBefore;
  }

  /** Notes a reading of a suspect found by the scan inside the window. */
  noteSeen(reading: SeenReading): void {
    this.#seen.push(reading);
  }

  /**
   * The events of a suspect after its scan: one per hole wider than `toleranceFactor × cadence`
   * between readings that were in the log on time, and that ends at a reading of a partition
   * this consumer owns (`owns`), so that with several group members each hole is reported once.
   * A reading counts as on time unless it was published after a later reading (it came late), or
   * this scan delivered it (it had not been delivered): those are recovered readings of the hole.
   * None when the window was only other partitions' readings interleaving.
   */
  toSuspectEvents(
    toleranceFactor: number,
    owns: (partition: number) => boolean,
    earliestRetainedMs?: number,
  ): GapEvent[] {
    const seen = this.#seen.toSorted((a, b) => b.timeMs - a.timeMs);
    let firstPublishedAfter = this.toPublishedMs ?? Number.POSITIVE_INFINITY;
    const late = new Set<SeenReading>();
    for (const reading of seen) {
      if (reading.delivered || reading.publishedMs > firstPublishedAfter) late.add(reading);
      firstPublishedAfter = Math.min(firstPublishedAfter, reading.publishedMs);
    }
    const onTime = [
      { timeMs: this.from, partition: -1 },
      ...seen.filter((reading) => !late.has(reading)).reverse(),
      { timeMs: this.to, partition: this.partition },
    ];
    const events: GapEvent[] = [];
    for (let i = 1; i < onTime.length; i++) {
      const from = onTime[i - 1]!.timeMs;
      const { timeMs: to, partition } = onTime[i]!;
      if (to - from <= toleranceFactor * this.cadenceMs || !owns(partition)) continue;
      let recovered = 0;
      for (const reading of late) if (reading.timeMs > from && reading.timeMs < to) recovered++;
      const { serialNumber, cadenceMs } = this;
      events.push(classifyGap({ serialNumber, partition, from, to, cadenceMs, recovered, earliestRetainedMs }));
    }
    return events;
  }

  /** The event of a gap whose refill never finished: `unresolved`, with what was recovered so far. */
  toUnresolvedEvent(): GapEvent {
    return { ...classifyGap({ ...this.#input(), recovered: this.recovered }), outcome: GapOutcome.Unresolved };
  }

  /** The event this gap ends with. */
  toEvent(earliestRetainedMs?: number): GapEvent {
    return classifyGap({ ...this.#input(), recovered: this.recovered, earliestRetainedMs });
  }

  #input(): { serialNumber: string; partition: number; from: number; to: number; cadenceMs: number } {
    const { serialNumber, partition, from, to, cadenceMs } = this;
    return { serialNumber, partition, from, to, cadenceMs };
  }
}
