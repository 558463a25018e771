/** Marks a wire value the decoder can't read; the caller reports it with the field path. */
export const INVALID: unique symbol = Symbol('invalid');

/** The result of reading one wire value: a value, `null` for "sent but not available", or {@link INVALID}. */
export type Parsed<T> = T | null | typeof INVALID;

// A decimal number, then an optional unit ("0W", "536%", "3 kW"). Deliberately no hex, no
// "Infinity" and no bare exponent, which `Number()` would accept.
const numberWithUnit = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*(\S*)$/;

// The common case, a bare decimal ("38.2"), is checked without capturing groups.
const plainDecimal = /^-?\d+(?:\.\d+)?$/;

const noSuffixes: ReadonlyMap<string, number> = new Map();

/** Tells whether a wire string is one of the forms GoodWe uses for "no value": `""` or `"--"`. */
export function isEmptyText(text: string): boolean {
  if (text === '' || text === '--') return true;
  const trimmed = text.trim();
  return trimmed === '' || trimmed === '--';
}

/**
 * Reads a number from a JSON number or a numeric string, with an optional unit suffix taken from
 * `suffixes` (suffix to factor into the canonical unit). `null`, `""` and `"--"` give `null`;
 * anything else that is not a number gives {@link INVALID}.
 */
export function parseNumber(value: unknown, suffixes: ReadonlyMap<string, number> = noSuffixes): Parsed<number> {
  if (typeof value === 'number') return Number.isFinite(value) ? value : INVALID;
  if (value === null) return null;
  if (typeof value !== 'string') return INVALID;
  if (plainDecimal.test(value)) return Number(value);
  if (isEmptyText(value)) return null;
  const match = numberWithUnit.exec(value.trim());
  if (match === null) return INVALID;
  const number = Number(match[1]);
  const suffix = match[2] ?? '';
  if (suffix === '') return number;
  const factor = suffixes.get(suffix);
  if (factor === undefined) return INVALID;
  // Scaling by 1000 or 0.001 adds binary noise (1.1 kW -> 1100.0000000000002 W): round it away.
  return factor === 1 ? number : Number((number * factor).toPrecision(12));
}
