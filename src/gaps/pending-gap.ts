import type { DetectedGap } from './gap-detector.js';
import { classifyGap, GapOutcome, type GapEvent } from './gap-outcome.js';

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
  /** Telemetry times of late live readings inside the gap. */
  readonly #late: number[] = [];

  constructor(gap: DetectedGap, recoveredBefore = 0) {
    this.recoveredBefore = recoveredBefore;
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
