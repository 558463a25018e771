import type { GapStateEntry } from './gap-state-store.js';
import { SerialIndex, type SlotStore } from './serial-index.js';
import { CadenceSamples, cadenceSampleCount } from './cadence-samples.js';
import { growFloat64 } from './typed-arrays.js';

/**
 * A jump in one inverter's telemetry times. The missing readings lie strictly between `from` and
 * `to` (both bounds exclusive: they are the two readings that were seen).
 */
export interface DetectedGap {
  serialNumber: string;
  /** Partition of the reading that revealed the gap. */
  partition: number;
  /** Telemetry time of the last reading before the gap, epoch ms. */
  from: number;
  /** Telemetry time of the first reading after the gap, epoch ms. */
  to: number;
  /** The cadence the jump was judged against, ms. */
  cadenceMs: number;
}

/** Counters of a {@link GapDetector}. */
export interface GapDetectorStats {
  /** Inverters tracked now. */
  tracked: number;
  /** Readings observed (live and rebuild). */
  observed: number;
  /** Gaps reported. */
  gaps: number;
  /** Readings with the same time as the last one: ignored. */
  duplicates: number;
  /** Readings older than the last one: ignored, never a gap, never a cadence sample. */
  late: number;
}

/** Options of {@link GapDetector}. */
export interface GapDetectorOptions {
  /** Fixed reporting interval. When absent the cadence is learned per inverter. */
  expectedIntervalMs?: number | undefined;
  /**
   * A gap is a jump larger than `toleranceFactor × cadence`. The default catches one lost reading
   * (a jump of twice the cadence) and tolerates ±25 % of reporting jitter.
   * @default 1.5
   */
  toleranceFactor?: number;
  /** Forward deltas an inverter must show before its learned cadence is trusted (1..5). @default 3 */
  minDeltasToLearn?: number;
  /** Index shared with the dedupe window; a private one when absent. */
  index?: SerialIndex;
}

/**
 * Detects per-inverter gaps in telemetry times. Pure: plain values in, plain
 * values out, no Kafka and no clock; judged on telemetry time, never on arrival time.
 *
 * Cadence is `expectedIntervalMs` when configured, else the median of the inverter's last five
 * forward deltas once at least `minDeltasToLearn` were seen (no gap is reported before that). The
 * median shrugs off the odd outlier, including the overnight silence, which is a delta like any
 * other: it is reported as a gap (its refill then finds nothing: `not-in-log`) and then outvoted.
 * A lasting change of interval is adopted after three deltas. Duplicates (delta 0) and late
 * readings (older than the last seen) are never samples and never move the last-seen time, so an
 * out-of-order reading cannot cause a false gap.
 *
 * State is a struct of typed arrays over a {@link SerialIndex}: about 30 bytes per inverter plus
 * the index entry (measured by `bench/gaps/memory.ts`).
 */
export class GapDetector implements SlotStore {
  readonly #index: SerialIndex;
  readonly #expectedIntervalMs: number | undefined;
  readonly #toleranceFactor: number;
  readonly #minDeltas: number;
  // Absent with a configured cadence: nothing to learn, nothing to store.
  readonly #samples: CadenceSamples | undefined;
  #lastTime = new Float64Array(0);
  #observed = 0;
  #gaps = 0;
  #duplicates = 0;
  #late = 0;

  constructor(options: GapDetectorOptions = {}) {
    this.#expectedIntervalMs = options.expectedIntervalMs;
    this.#toleranceFactor = options.toleranceFactor ?? 1.5;
    this.#minDeltas = Math.min(cadenceSampleCount, Math.max(1, options.minDeltasToLearn ?? 3));
    this.#samples = this.#expectedIntervalMs === undefined ? new CadenceSamples() : undefined;
    this.#index = options.index ?? new SerialIndex();
    this.#index.attach(this);
  }

  /** Records a live reading; returns the gap it reveals, if any. */
  observe(partition: number, serialNumber: string, timeMs: number): DetectedGap | undefined {
    return this.#update(partition, serialNumber, timeMs, true);
  }

  /** Records a reading read back on assignment to rebuild state: updates, never reports. */
  rebuild(partition: number, serialNumber: string, timeMs: number): void {
    this.#update(partition, serialNumber, timeMs, false);
  }

  /** The cadence a jump of this inverter is judged against now, if known. */
  cadenceOf(serialNumber: string): number | undefined {
    const slot = this.#index.slotOf(serialNumber);
    return slot < 0 ? undefined : this.#cadence(slot);
  }

  /** Forgets every inverter of a revoked partition (in every store sharing the index). */
  dropPartition(partition: number): number {
    return this.#index.dropPartition(partition);
  }

  /** What a {@link GapStateStore} should keep for `partition`. */
  snapshot(partition: number): GapStateEntry[] {
    const entries: GapStateEntry[] = [];
    for (const [slot, serialNumber] of this.#index.slotsOf(partition)) {
      const lastTimeMs = this.#lastTime[slot]!;
      if (Number.isNaN(lastTimeMs)) continue;
      const cadenceMs = this.#cadence(slot);
      entries.push(cadenceMs === undefined ? { serialNumber, lastTimeMs } : { serialNumber, lastTimeMs, cadenceMs });
    }
    return entries;
  }

  /** Seeds state loaded from a {@link GapStateStore}; newer state already held wins. */
  restore(partition: number, entries: Iterable<GapStateEntry>): void {
    for (const { serialNumber, lastTimeMs, cadenceMs } of entries) {
      const slot = this.#index.acquire(serialNumber, partition);
      if (slot < 0) continue;
      const known = this.#lastTime[slot]!;
      if (Number.isNaN(known) || known < lastTimeMs) this.#lastTime[slot] = lastTimeMs;
      const samples = this.#samples;
      if (cadenceMs === undefined || !samples || samples.count(slot) >= this.#minDeltas) continue;
      for (let i = 0; i < this.#minDeltas; i++) samples.push(slot, cadenceMs);
    }
  }

  /** Inverters tracked now (by the shared index). */
  get size(): number {
    return this.#index.size;
  }

  /** Counters since construction. */
  get stats(): GapDetectorStats {
    const { size: tracked } = this.#index;
    return { tracked, observed: this.#observed, gaps: this.#gaps, duplicates: this.#duplicates, late: this.#late };
  }

  /** @internal Called by the index. */
  resize(capacity: number): void {
    this.#lastTime = growFloat64(this.#lastTime, capacity, Number.NaN);
    this.#samples?.resize(capacity);
  }

  /** @internal Called by the index. */
  clear(slot: number): void {
    this.#lastTime[slot] = Number.NaN;
    this.#samples?.clear(slot);
  }

  #update(partition: number, serialNumber: string, timeMs: number, report: boolean): DetectedGap | undefined {
    if (!Number.isFinite(timeMs)) return undefined;
    const slot = this.#index.acquire(serialNumber, partition);
    if (slot < 0) return undefined;
    this.#observed++;
    const last = this.#lastTime[slot]!;
    if (Number.isNaN(last)) {
      this.#lastTime[slot] = timeMs;
      return undefined;
    }
    if (timeMs === last) {
      this.#duplicates++;
      return undefined;
    }
    if (timeMs < last) {
      this.#late++;
      return undefined;
    }
    const delta = timeMs - last;
    // Judged against the cadence known before this delta, so a gap never excuses itself.
    const cadenceMs = this.#cadence(slot);
    this.#samples?.push(slot, delta);
    this.#lastTime[slot] = timeMs;
    if (!report || cadenceMs === undefined || delta <= this.#toleranceFactor * cadenceMs) return undefined;
    this.#gaps++;
    return { serialNumber, partition, from: last, to: timeMs, cadenceMs };
  }

  #cadence(slot: number): number | undefined {
    const samples = this.#samples;
    if (!samples) return this.#expectedIntervalMs;
    return samples.count(slot) < this.#minDeltas ? undefined : samples.median(slot);
  }
}
