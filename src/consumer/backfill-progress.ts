import { OffsetTracker } from './offset-tracker.js';
import { encodeBackfillMetadata, normalizeRanges, type PendingRange } from './backfill-metadata.js';

/**
 * One partition's backfill in one epoch: the ranges the live stream skipped, the offsets queued
 * for the loop body and finished by it, and from those the frontier below which every skipped
 * offset is done. What is committed is the live position with the ranges still pending from the
 * frontier on, so a restart resumes the backfill where the body got to. Pure.
 */
export class BackfillProgress {
  readonly ranges: readonly PendingRange[];
  /** Offsets the body must finish, started when queued (in order) rather than when handed out. */
  readonly #offsets = new OffsetTracker();
  #queued = 0;
  #finished = 0;
  /** One past the last offset queued, or the end of everything read once the reader is done. */
  #readThrough: number;
  /** Every skipped offset below it is done: those read before the first message still unfinished. */
  #doneBelow: number;
  /** The metadata of the last confirmed commit in this epoch. */
  committedMetadata: string | undefined;

  constructor(
    ranges: readonly PendingRange[],
    /** Where the live stream starts: committed while no live record has finished. */
    readonly liveStart: number,
  ) {
    this.ranges = normalizeRanges(ranges);
    this.#readThrough = this.ranges[0]?.from ?? liveStart;
    this.#doneBelow = this.#readThrough;
  }

  /** The reader queued the message at `offset` for the body. */
  queued(offset: number): void {
    // Everything queued before is finished and the reader read up to here in order: done below it.
    if (this.#finished >= this.#queued) this.#doneBelow = offset;
    this.#offsets.start(offset);
    this.#queued++;
    this.#readThrough = offset + 1;
  }

  /** The body finished the message at `offset` (or it was dropped as a duplicate). */
  finish(offset: number): void {
    this.#offsets.finish(offset);
    this.#finished++;
  }

  /** The reader reached `offset` (a range's end): offsets before it without a message count as done. */
  readTo(offset: number): void {
    this.#readThrough = Math.max(this.#readThrough, offset);
  }

  /** Every skipped offset below it is done. */
  get frontier(): number {
    if (this.#finished >= this.#queued) return this.#readThrough;
    return Math.max(this.#offsets.watermark ?? this.#doneBelow, this.#doneBelow);
  }

  /** The ranges still owed, from the frontier on. */
  pending(): PendingRange[] {
    const frontier = this.frontier;
    return this.ranges.filter((r) => r.to > frontier).map((r) => ({ from: Math.max(r.from, frontier), to: r.to }));
  }

  /** The commit metadata for the pending ranges; `undefined` once none is left. */
  metadata(): string | undefined {
    return encodeBackfillMetadata(this.pending());
  }

  /** Offsets skipped in all, and those still pending. */
  counts(): { total: number; pending: number } {
    const size = (list: readonly PendingRange[]): number => list.reduce((sum, r) => sum + r.to - r.from, 0);
    return { total: size(this.ranges), pending: size(this.pending()) };
  }

  /**
   * The backfill for a new epoch starting at live position `offset`: the ranges still pending
   * below it (the ones at or after it the live stream reads again); `undefined` when none is left.
   */
  carriedTo(offset: number): BackfillProgress | undefined {
    const left = this.pending()
      .filter((r) => r.from < offset)
      .map((r) => ({ from: r.from, to: Math.min(r.to, offset) }));
    if (left.length === 0 && this.committedMetadata === undefined) return undefined;
    const next = new BackfillProgress(left, offset);
    next.committedMetadata = this.committedMetadata;
    return next;
  }

  /** The ranges not read yet in this epoch: a read that failed resumes here. */
  unread(): PendingRange[] {
    const from = this.#readThrough;
    return this.ranges.filter((r) => r.to > from).map((r) => ({ from: Math.max(r.from, from), to: r.to }));
  }

  get done(): boolean {
    return this.pending().length === 0;
  }
}
