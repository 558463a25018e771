import { growUint32, growUint8 } from './typed-arrays.js';

/** Recent forward deltas kept per inverter; the learned cadence is their median. */
export const cadenceSampleCount = 5;

/**
 * Per-slot rings of an inverter's last five intervals between readings, in typed arrays (22 bytes
 * a slot). Their median is the learned cadence: it ignores a minority of outliers such as the
 * overnight silence or one lost reading, and adopts a lasting change after three intervals.
 */
export class CadenceSamples {
  readonly #scratch = new Uint32Array(cadenceSampleCount);
  #deltas = new Uint32Array(0);
  #count = new Uint8Array(0);
  #next = new Uint8Array(0);

  /** Grows to `capacity` slots. */
  resize(capacity: number): void {
    this.#deltas = growUint32(this.#deltas, capacity * cadenceSampleCount);
    this.#count = growUint8(this.#count, capacity);
    this.#next = growUint8(this.#next, capacity);
  }

  /** Empties a slot. */
  clear(slot: number): void {
    this.#count[slot] = 0;
    this.#next[slot] = 0;
  }

  /** Intervals held for a slot (0..5). */
  count(slot: number): number {
    return this.#count[slot]!;
  }

  /** Adds an interval, replacing the oldest when the ring is full. */
  push(slot: number, deltaMs: number): void {
    const next = this.#next[slot]!;
    // Saturating: an outlier only needs to be large, not exact, for the median to ignore it.
    this.#deltas[slot * cadenceSampleCount + next] = Math.min(Math.round(deltaMs), 0xffffffff);
    this.#next[slot] = (next + 1) % cadenceSampleCount;
    const count = this.#count[slot]!;
    if (count < cadenceSampleCount) this.#count[slot] = count + 1;
  }

  /**
   * The median interval of a slot, the lower one of the middle two for an even count (a smaller
   * cadence keeps detection sensitive); undefined when empty.
   */
  median(slot: number): number | undefined {
    const count = this.#count[slot]!;
    if (count === 0) return undefined;
    const sorted = this.#scratch;
    for (let i = 0; i < count; i++) {
      // Insertion sort of at most five values: no allocation on the hot path.
      const value = this.#deltas[slot * cadenceSampleCount + i]!;
      let j = i;
      for (; j > 0 && sorted[j - 1]! > value; j--) sorted[j] = sorted[j - 1]!;
      sorted[j] = value;
    }
    return sorted[(count - 1) >> 1];
  }
}
