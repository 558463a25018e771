/**
 * A 16-bit fingerprint of a reading's content, beside its telemetry time in the dedupe window, so
 * that two distinct readings which happen to share a serial number and a time (the repeated hour
 * when clocks go back, if times carry no UTC offset) are both delivered, while a redelivery or a
 * duplicate publish of the same reading is still recognised.
 *
 * It mixes the raw payload's top-level field names and values (numbers exactly, strings by length
 * and a few characters), never allocating. Never 0: 0 means "content unknown" to the dedupe window.
 * Two different readings share a fingerprint with a chance of about 1 in 65,535; then the later one
 * is dropped as before (time alone).
 */
export function readingFingerprint(raw: Readonly<Record<string, unknown>>): number {
  let hash = 0x811c9dc5;
  for (const key in raw) {
    hash = mix(hash, key.length);
    const value = raw[key];
    if (typeof value === 'number') {
      hash = mix(hash, value | 0);
      // The fraction matters too (energy counters are decimals): scaled, then folded in.
      hash = mix(hash, ((value - Math.trunc(value)) * 1e6) | 0);
    } else if (typeof value === 'string') {
      const n = value.length;
      hash = mix(hash, n);
      if (n > 0)
        hash = mix(hash, (value.charCodeAt(0) << 16) ^ value.charCodeAt(n - 1) ^ (value.charCodeAt(n >> 1) << 8));
    } else if (typeof value === 'boolean') {
      hash = mix(hash, value ? 1 : 2);
    }
  }
  const folded = (hash ^ (hash >>> 16)) & 0xffff;
  return folded === 0 ? 1 : folded;
}

function mix(hash: number, value: number): number {
  return Math.imul(hash ^ value, 0x01000193) >>> 0;
}
