import { ErrorCode } from '../errors/error-codes.js';
import type { TelemetryDecodeErrorCode } from '../errors/telemetry-decode-error.js';
import type { CompiledField } from './alias-table.js';
import { INVALID, parseNumber, type Parsed } from './parse-number.js';
import { readCode, showValue } from './read-field-value.js';

// The steps both normalisers share (the general one in normalize-telemetry.ts and the ones
// compiled per key order in key-order-normalizer.ts), so their results and messages are one.

/** How to normalise one wire object. */
export interface NormalizeOptions {
  /** IANA zone for time strings without an offset; must be known to the runtime. */
  timeZone: string;
  /** Copy wire keys that are not aliases of a canonical field into the result (for user schemas). */
  keepUnknown: boolean;
}

/** A normalised object, or why it could not be normalised (the path is a wire key). */
export type NormalizeResult =
  | { ok: true; value: Record<string, unknown>; serialNumber: string; time: Date | undefined }
  | { ok: false; code: TelemetryDecodeErrorCode; path: string; detail: string };

/** The failure of a value that is not of its field's kind. */
export const invalid = (path: string, value: unknown, expected: string): NormalizeResult => ({
  ok: false,
  code: ErrorCode.DecodeInvalid,
  path,
  detail: `${showValue(value)} is not ${expected}`,
});

const TIME_FORMATS = 'epoch ms or s, ISO-8601, yyyy-MM-dd HH:mm:ss or MM/dd/yyyy HH:mm:ss';

/** The failure of a message without a serial number (`emptyKey`: the wire key that held an empty one). */
export function missingSerial(emptyKey: string | undefined): NormalizeResult {
  const path = emptyKey ?? 'sn';
  const detail = `the serial number is ${emptyKey === undefined ? 'missing' : 'empty'} (looked for sn, serialNum, inverterSn, ...)`;
  return { ok: false, code: ErrorCode.DecodeMissingSerial, path, detail };
}

/** The failure of a message whose only time values could not be read. */
export const unreadableTime = (key: string, value: unknown): NormalizeResult =>
  invalid(key, value, `a time (${TIME_FORMATS})`);

/** Copies an unknown wire key into the result. */
export function keepUnknown(out: Record<string, unknown>, key: string, value: unknown): void {
  // A plain assignment to "__proto__" would replace the object's prototype instead.
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true });
  else out[key] = value;
}

/** The quality note of a sentinel (6553.5 or 655.35) read from `wireKey`. */
export const sentinelNote = (field: CompiledField, wireKey: string, reading: number): string =>
  `${field.key}: ${reading} from ${wireKey} means not available`;

/** Cleans one reading: sentinels and impossible values become `null` with a note. */
export function cleanReading(field: CompiledField, wireKey: string, reading: number, quality: string[]): number | null {
  if (reading === 6553.5 || reading === 655.35) {
    quality.push(sentinelNote(field, wireKey, reading));
    return null;
  }
  if (reading < field.min || reading > field.max) {
    const bound = reading < field.min ? `below ${field.min}` : `above ${field.max}`;
    quality.push(`${field.key}: ${reading} from ${wireKey} is impossible (${bound})`);
    return null;
  }
  return reading;
}

/**
 * Reads and cleans a reading that is not a plain number in range, noting sentinels with the
 * notes given (constants in the compiled normalisers, so they are not built per record).
 */
export function readReading(
  field: CompiledField,
  wireKey: string,
  value: unknown,
  quality: string[],
  note6553: string,
  note655: string,
): Parsed<number> {
  const reading = typeof value === 'number' && Number.isFinite(value) ? value : parseNumber(value, field.suffixes);
  if (reading === INVALID || reading === null) return reading;
  if (reading === 6553.5) return quality.push(note6553) && null;
  if (reading === 655.35) return quality.push(note655) && null;
  return cleanReading(field, wireKey, reading, quality);
}

/** Reads an integer code, noting a text label in its place (which gives `null`). */
export function readNotedCode(
  field: CompiledField,
  wireKey: string,
  value: unknown,
  quality: string[],
): Parsed<number> {
  const code = readCode(value);
  if (code !== 'label') return code;
  quality.push(`${field.key}: ${showValue(value)} from ${wireKey} is a label, not a code`);
  return null;
}
