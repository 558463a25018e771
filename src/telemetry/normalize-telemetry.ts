import { aliasTable, canonicalFieldOrder, type CompiledField } from './alias-table.js';
import { keyOrderNormalizer } from './key-order-normalizer.js';
import {
  cleanReading,
  invalid,
  keepUnknown,
  missingSerial,
  unreadableTime,
  type NormalizeOptions,
  type NormalizeResult,
} from './normalize-steps.js';
import { RecordBuilder } from './record-builder.js';
import { INVALID, parseNumber } from './parse-number.js';
import { isEpochTime, parseTime } from './parse-time.js';
import { readAlarm, readCode, readSerial, readText, showValue } from './read-field-value.js';

export type { NormalizeOptions, NormalizeResult } from './normalize-steps.js';

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

/**
 * Folds one wire object into canonical fields in a single pass over its keys: looks each key up
 * in the alias table, cleans its value by the field's kind, and records what it cleaned in
 * `quality`. Keys that are not aliases are skipped, or copied as they are when `keepUnknown`.
 * `referenceMs` (the Kafka record time) picks the occurrence of a time in a repeated hour.
 */
export function normalizeTelemetry(
  raw: Record<string, unknown>,
  options: NormalizeOptions,
  referenceMs?: number,
): NormalizeResult {
  const compiled = keyOrderNormalizer(raw, options.keepUnknown);
  return compiled === undefined
    ? normalizeByKey(raw, options, referenceMs)
    : compiled(raw, options.timeZone, referenceMs);
}

/** The general normaliser: one alias lookup and one dispatch on the field's kind per wire key. */
export function normalizeByKey(
  raw: Record<string, unknown>,
  options: NormalizeOptions,
  referenceMs?: number,
): NormalizeResult {
  if (slotsDirty) slots.fill(undefined); // a previous call returned early
  slotsDirty = true;
  builder.reset();
  const quality: string[] = [];
  let unknownKeys: string[] | undefined;
  let serialNumber: string | undefined;
  let emptySerialKey: string | undefined;
  let timeMs: number | undefined;
  let timeFromEpoch = false;
  let badTime: { key: string; value: unknown } | undefined;

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
        const ms = parseTime(value, options.timeZone, referenceMs);
        if (ms === INVALID) badTime ??= { key: wireKey, value };
        else if (ms !== null && (timeMs === undefined || (epoch && !timeFromEpoch))) {
          timeMs = ms;
          timeFromEpoch = epoch;
        }
        break;
      }
    }
  }

  if (serialNumber === undefined) return missingSerial(emptySerialKey);
  if (timeMs === undefined && badTime !== undefined) return unreadableTime(badTime.key, badTime.value);
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
