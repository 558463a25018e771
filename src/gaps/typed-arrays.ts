// Growth helpers for struct-of-arrays stores: new slots start at `fill`, old ones are kept.

/** A copy of `old` with room for `length` values, new ones set to `fill`. */
export function growFloat64(old: Float64Array<ArrayBuffer>, length: number, fill: number): Float64Array<ArrayBuffer> {
  const grown = new Float64Array(length);
  grown.fill(fill, old.length);
  grown.set(old);
  return grown;
}

/** A copy of `old` with room for `length` values, new ones zero. */
export function growUint32(old: Uint32Array<ArrayBuffer>, length: number): Uint32Array<ArrayBuffer> {
  const grown = new Uint32Array(length);
  grown.set(old);
  return grown;
}

/** A copy of `old` with room for `length` values, new ones zero. */
export function growUint16(old: Uint16Array<ArrayBuffer>, length: number): Uint16Array<ArrayBuffer> {
  const grown = new Uint16Array(length);
  grown.set(old);
  return grown;
}

/** A copy of `old` with room for `length` values, new ones zero. */
export function growUint8(old: Uint8Array<ArrayBuffer>, length: number): Uint8Array<ArrayBuffer> {
  const grown = new Uint8Array(length);
  grown.set(old);
  return grown;
}
