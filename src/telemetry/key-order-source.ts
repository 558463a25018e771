import { aliasTable, canonicalFieldOrder, type CompiledField } from './alias-table.js';
import { INVALID, parseNumber } from './parse-number.js';
import { isEpochTime, parseTime } from './parse-time.js';
import { readAlarm, readCode, readSerial, readText, showValue } from './read-field-value.js';
import {
  cleanReading,
  invalid,
  keepUnknown,
  missingSerial,
  readNotedCode,
  readReading,
  sentinelNote,
  unreadableTime,
} from './normalize-steps.js';

// The source of the normaliser compiled for one key order (see key-order-normalizer.ts). It runs
// with `h` = keyOrderHelpers, `F` = the compiled fields by canonical index, `I` = INVALID.

const literal = (value: string): string => JSON.stringify(value);

/** The range check of a reading in `v`, with the bounds written in; `''` for a field without bounds. */
const outOfRange = (field: CompiledField): string =>
  [Number.isFinite(field.min) ? `v < ${field.min}` : '', Number.isFinite(field.max) ? `v > ${field.max}` : '']
    .filter((check) => check !== '')
    .join(' || ');

/** The statements that read one wire key into its field's local variable. */
function readStatements(key: string, field: CompiledField, firstOfField: boolean): string {
  const k = literal(key);
  const f = `F[${field.index}]`;
  const local = `s${field.index}`;
  const assign = (value: string): string =>
    firstOfField ? `${local} = ${value};` : `if (${local} === null && ${value} !== null) ${local} = ${value};`;
  const load = `v = raw[${k}];`;
  switch (field.kind) {
    case 'reading': {
      // Straight-line code only for what most values are, a plain number in range; the rest
      // (strings, null, sentinels, impossible values) takes one call. Small code matters: a
      // fleet's dozens of key orders each get a normaliser, and they must share the CPU's caches.
      const range = outOfRange(field);
      const plain = `typeof v === 'number' && Number.isFinite(v) && v !== 6553.5 && v !== 655.35${range === '' ? '' : ` && !(${range})`}`;
      const notes = `${literal(sentinelNote(field, key, 6553.5))}, ${literal(sentinelNote(field, key, 655.35))}`;
      return `${load}
if (${plain}) r = v;
else { r = h.readReading(${f}, ${k}, v, q, ${notes}); if (r === I) return h.invalid(${k}, v, 'a number'); }
${assign('r')}`;
    }
    case 'code':
      return `${load}
if (typeof v === 'number' && Number.isSafeInteger(v)) r = v;
else { r = h.readNotedCode(${f}, ${k}, v, q); if (r === I) return h.invalid(${k}, v, 'an integer code'); }
${assign('r')}`;
    case 'text':
    case 'alarm':
      return `${load}
r = h.${field.kind === 'text' ? 'readText' : 'readAlarm'}(v);
if (r === I) return h.invalid(${k}, v, ${literal(field.kind === 'text' ? 'text' : 'a code or message')});
${assign('r')}`;
    case 'serial':
      return `${load}
r = h.readSerial(v);
if (r === I) return h.invalid(${k}, v, 'a serial number (a string)');
if (r === null) { if (emptySerialKey === undefined) emptySerialKey = ${k}; }
else if (serialNumber === undefined) serialNumber = r;`;
    case 'time':
      return `${load}
epoch = h.isEpochTime(v);
if (!timeFromEpoch || epoch) {
  r = h.parseTime(v, zone, reference);
  if (r === I) { if (badTimeKey === undefined) { badTimeKey = ${k}; badTime = v; } }
  else if (r !== null && (timeMs === undefined || (epoch && !timeFromEpoch))) { timeMs = r; timeFromEpoch = epoch; }
}`;
  }
}

/** The object literal of the record: the filled fields in canonical order, then `quality`. */
function recordLiteral(filled: ReadonlySet<number>): string {
  const parts: string[] = [];
  canonicalFieldOrder.forEach((name, index) => {
    const field = aliasTable[name];
    if (field?.kind === 'serial') parts.push(`${literal(name)}: serialNumber`);
    else if (field?.kind === 'time') parts.push(`${literal(name)}: time`);
    else if (filled.has(index)) parts.push(`${literal(name)}: s${index}`);
  });
  parts.push('"quality": q');
  return `{ ${parts.join(', ')} }`;
}

/** A copy of a record without its `time` key (undefined: the message had no time), keys in order. */
function withoutTime(record: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const key in record) if (key !== 'time') copy[key] = record[key];
  return copy;
}

/** The body of the factory `(h, F, I) => normalizer` for objects with these keys, in this order. */
export function keyOrderSource(keys: readonly string[], keepUnknownKeys: boolean): string {
  const filled = new Set<number>();
  const statements: string[] = [];
  const unknown: string[] = [];
  for (const key of keys) {
    const field = aliasTable[key];
    if (field === undefined) {
      if (keepUnknownKeys) unknown.push(`h.keepUnknown(out, ${literal(key)}, raw[${literal(key)}]);`);
      continue;
    }
    const first = !filled.has(field.index);
    if (field.kind !== 'serial' && field.kind !== 'time') filled.add(field.index);
    statements.push(readStatements(key, field, first));
  }
  const locals = [...filled].map((index) => `s${index}`);
  return `return function normalizeKeyOrder(raw, zone, reference) {
const q = [];
let v, r, epoch, serialNumber, emptySerialKey, timeMs, timeFromEpoch = false, badTimeKey, badTime${locals.map((local) => `, ${local}`).join('')};
${statements.join('\n')}
if (serialNumber === undefined) return h.missingSerial(emptySerialKey);
if (timeMs === undefined && badTimeKey !== undefined) return h.unreadableTime(badTimeKey, badTime);
const time = timeMs === undefined ? undefined : new Date(timeMs);
// One literal, not one per case: a record without a time is rare and takes a copy without the key.
const out = time === undefined ? h.withoutTime(${recordLiteral(filled)}) : ${recordLiteral(filled)};
${unknown.join('\n')}
return { ok: true, value: out, serialNumber, time };
};`;
}

/** What the compiled source calls, as `h`. */
export const keyOrderHelpers = {
  INVALID,
  parseNumber,
  isEpochTime,
  parseTime,
  readAlarm,
  readCode,
  readSerial,
  readText,
  showValue,
  cleanReading,
  invalid,
  keepUnknown,
  missingSerial,
  readNotedCode,
  readReading,
  unreadableTime,
  withoutTime,
};
