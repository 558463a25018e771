import { ErrorCode } from '../errors/error-codes.js';
import type { TelemetryDecodeErrorCode } from '../errors/telemetry-decode-error.js';
import { aliasTable, canonicalFieldOrder, type CompiledField } from './alias-table.js';
import { RecordBuilder } from './record-builder.js';
import { INVALID, parseNumber } from './parse-number.js';
import { isEpochTime, parseTime } from './parse-time.js';
import { readAlarm, readCode, readSerial, readText, showValue } from './read-field-value.js';

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

const TIME_FORMATS = 'epoch ms or s, ISO-8601, yyyy-MM-dd HH:mm:ss or MM/dd/yyyy HH:mm:ss';

const invalid = (path: string, value: unknown, expected: string): NormalizeResult => ({
  ok: false,
  code: ErrorCode.DecodeInvalid,
  path,
  detail: `${showValue(value)} is not ${expected}`,
});

// Values are collected in one slot per canonical field (plus `quality`) and turned into the
// record at the end by a builder that gives every record of one payload family the same
// hidden class; see record-builder.ts. The slots are reused (decoding is synchronous and never
// re-entrant) and the builder clears them.
const QUALITY = canonicalFieldOrder.length;
const slots: unknown[] = [...canonicalFieldOrder, 'quality'].map(() => undefined);
const builder = new RecordBuilder([...canonicalFieldOrder, 'quality']);
const SERIAL = canonicalFieldOrder.indexOf('serialNumber');
const TIME = canonicalFieldOrder.indexOf('time');
let slotsDirty = false;

// The first alias that carries a value wins; a later `null` never erases an earlier value.
function set(field: CompiledField, value: unknown): void {
  const previous = slots[field.index];
  if (previous === undefined) {
    slots[field.index] = value;
    builder.add(field.index);
  } else if (previous === null && value !== null) {
    slots[field.index] = value;
  }
}

function keepUnknown(out: Record<string, unknown>, key: string, value: unknown): void {
  // A plain assignment to "__proto__" would replace the object's prototype instead.
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true });
  else out[key] = value;
}

/** Cleans one reading: sentinels and impossible values become `null` with a note. */
function cleanReading(field: CompiledField, wireKey: string, reading: number, quality: string[]): number | null {
  if (reading === 6553.5 || reading === 655.35) {
    quality.push(`${field.key}: ${reading} from ${wireKey} means not available`);
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
 * Folds one wire object into canonical fields in a single pass over its keys: looks each key up
 * in the alias table, cleans its value by the field's kind, and records what it cleaned in
 * `quality`. Keys that are not aliases are skipped, or copied as they are when `keepUnknown`.
 */
export function normalizeTelemetry(raw: Record<string, unknown>, options: NormalizeOptions): NormalizeResult {
  if (slotsDirty) slots.fill(undefined); // a previous call returned early
  slotsDirty = true;
  builder.reset();
  const quality: string[] = [];
  let unknownKeys: string[] | undefined;
  let serialNumber: string | undefined;
  let emptySerialKey: string | undefined;
  let timeMs: number | undefined;
  let timeFromEpoch = false;
  let unreadableTime: { key: string; value: unknown } | undefined;

  for (const wireKey in raw) {
    const value = raw[wireKey];
    const field = aliasTable[wireKey];
    if (field === undefined) {
      if (options.keepUnknown) (unknownKeys ??= []).push(wireKey);
      continue;
    }
    switch (field.kind) {
      case 'reading': {
        const reading =
          typeof value === 'number' && Number.isFinite(value) ? value : parseNumber(value, field.suffixes);
        if (reading === INVALID) return invalid(wireKey, value, 'a number');
        set(field, reading === null ? null : cleanReading(field, wireKey, reading, quality));
        break;
      }
      case 'code': {
        const code = readCode(value);
        if (code === INVALID) return invalid(wireKey, value, 'an integer code');
        if (code === 'label') quality.push(`${field.key}: ${showValue(value)} from ${wireKey} is a label, not a code`);
        set(field, code === 'label' ? null : code);
        break;
      }
      case 'text':
      case 'alarm': {
        const text = field.kind === 'text' ? readText(value) : readAlarm(value);
        if (text === INVALID) return invalid(wireKey, value, field.kind === 'text' ? 'text' : 'a code or message');
        set(field, text);
        break;
      }
      case 'serial': {
        const serial = readSerial(value);
        if (serial === INVALID) return invalid(wireKey, value, 'a serial number (a string)');
        if (serial === null) emptySerialKey ??= wireKey;
        else serialNumber ??= serial;
        break;
      }
      case 'time': {
        // An epoch is unambiguous; a formatted string depends on the zone option.
        const epoch = isEpochTime(value);
        if (timeFromEpoch && !epoch) break;
        const ms = parseTime(value, options.timeZone);
        if (ms === INVALID) unreadableTime ??= { key: wireKey, value };
        else if (ms !== null && (timeMs === undefined || (epoch && !timeFromEpoch))) {
          timeMs = ms;
          timeFromEpoch = epoch;
        }
        break;
      }
    }
  }

  if (serialNumber === undefined) {
    const path = emptySerialKey ?? 'sn';
    const detail = `the serial number is ${emptySerialKey === undefined ? 'missing' : 'empty'} (looked for sn, serialNum, inverterSn, ...)`;
    return { ok: false, code: ErrorCode.DecodeMissingSerial, path, detail };
  }
  if (timeMs === undefined && unreadableTime !== undefined) {
    return invalid(unreadableTime.key, unreadableTime.value, `a time (${TIME_FORMATS})`);
  }
  const time = timeMs === undefined ? undefined : new Date(timeMs);
  slots[SERIAL] = serialNumber;
  builder.add(SERIAL);
  if (time !== undefined) {
    slots[TIME] = time;
    builder.add(TIME);
  }
  slots[QUALITY] = quality;
  builder.add(QUALITY);
  const out = builder.build(slots);
  slotsDirty = false;
  if (unknownKeys !== undefined) for (const key of unknownKeys) keepUnknown(out, key, raw[key]);
  return { ok: true, value: out, serialNumber, time };
}
