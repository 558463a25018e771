import { SerialIndex, type SlotStore } from './serial-index.js';
import { growFloat64, growUint16, growUint8 } from './typed-arrays.js';

/** Options of {@link DedupeWindow}. */
export interface DedupeWindowOptions {
  /**
   * Readings remembered per inverter (1..64). Memory is `10 × depth` bytes per inverter (a time and
   * a content fingerprint each),
   * fixed whatever the reporting interval, which a window in milliseconds would not be.
   * @default 8
   */
  depth?: number;
  /** Index shared with the gap detector; a private one when absent. */
  index?: SerialIndex;
}

/** Counters of a {@link DedupeWindow}. */
export interface DedupeWindowStats {
  /** Inverters tracked now. */
  tracked: number;
  /** Readings checked with {@link DedupeWindow.seen}. */
  checked: number;
  /** Readings recognised as duplicates. */
  duplicates: number;
}

/**
 * Recognises a reading seen before, on (serial number, telemetry time, content fingerprint): a
 * redelivery after a rebalance, a duplicate publish, a refill overlapping a late live reading, a
 * replay of something already delivered. Two readings with the same time but different content
 * (see {@link readingFingerprint}) are distinct: both pass. A fingerprint of 0 means "unknown"
 * and matches any content, so callers without one get (serial number, time) as before.
 *
 * Per inverter it remembers the last `depth` distinct times it was given, in the order given (not
 * in time order), so that a late reading stays remembered while a refill of the gap around it runs.
 * Eviction is oldest-given-first; a time evicted or never remembered is not a duplicate: when in
 * doubt a reading is delivered, never dropped (at least once). The first sighting of a reading is
 * therefore never reported as a duplicate.
 *
 * State is one `Float64Array` row per inverter over a {@link SerialIndex}, shared with the gap
 * detector so that the serial number is stored once.
 */
export class DedupeWindow implements SlotStore {
  readonly #index: SerialIndex;
  readonly #depth: number;
  #times = new Float64Array(0);
  #prints = new Uint16Array(0);
  #next = new Uint8Array(0);
  #checked = 0;
  #duplicates = 0;

  constructor(options: DedupeWindowOptions = {}) {
    this.#depth = Math.min(64, Math.max(1, Math.trunc(options.depth ?? 8)));
    this.#index = options.index ?? new SerialIndex();
    this.#index.attach(this);
  }

  /**
   * Whether this reading was seen before; if not, it is remembered. Call it once per delivered
   * reading, live, refill or replay. `fingerprint` is the reading's content fingerprint (1..65535),
   * or 0 when unknown.
   */
  seen(partition: number, serialNumber: string, timeMs: number, fingerprint = 0): boolean {
    if (!Number.isFinite(timeMs)) return false;
    this.#checked++;
    const slot = this.#index.acquire(serialNumber, partition);
    if (slot < 0) return false;
    if (this.#find(slot, timeMs, fingerprint)) {
      this.#duplicates++;
      return true;
    }
    const next = this.#next[slot]!;
    this.#times[slot * this.#depth + next] = timeMs;
    this.#prints[slot * this.#depth + next] = fingerprint;
    this.#next[slot] = (next + 1) % this.#depth;
    return false;
  }

  /**
   * Whether this reading is remembered, without remembering it or tracking a new inverter: for
   * replays of partitions this consumer does not own, whose state would never be dropped.
   */
  has(serialNumber: string, timeMs: number, fingerprint = 0): boolean {
    const slot = this.#index.slotOf(serialNumber);
    return slot >= 0 && this.#find(slot, timeMs, fingerprint);
  }

  /** Forgets every inverter of a revoked partition (in every store sharing the index). */
  dropPartition(partition: number): number {
    return this.#index.dropPartition(partition);
  }

  /** Inverters tracked now (by the shared index). */
  get size(): number {
    return this.#index.size;
  }

  /** Counters since construction. */
  get stats(): DedupeWindowStats {
    return { tracked: this.#index.size, checked: this.#checked, duplicates: this.#duplicates };
  }

  /** @internal Called by the index. */
  resize(capacity: number): void {
    this.#times = growFloat64(this.#times, capacity * this.#depth, Number.NaN);
    this.#prints = growUint16(this.#prints, capacity * this.#depth);
    this.#next = growUint8(this.#next, capacity);
  }

  /** @internal Called by the index. */
  clear(slot: number): void {
    this.#times.fill(Number.NaN, slot * this.#depth, (slot + 1) * this.#depth);
    this.#next[slot] = 0;
  }

  #find(slot: number, timeMs: number, fingerprint: number): boolean {
    const start = slot * this.#depth;
    for (let i = start; i < start + this.#depth; i++) {
      if (this.#times[i] !== timeMs) continue;
      const known = this.#prints[i]!;
      if (known === 0 || fingerprint === 0 || known === fingerprint) return true;
    }
    return false;
  }
}
