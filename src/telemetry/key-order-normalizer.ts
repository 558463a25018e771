import { aliasTable, canonicalFieldOrder, type CompiledField } from './alias-table.js';
import { INVALID, parseNumber } from './parse-number.js';
import { isEpochTime, parseTime } from './parse-time.js';
import { readAlarm, readCode, readSerial, readText, showValue } from './read-field-value.js';
import {
  cleanReading,
  invalid,
  keepUnknown,
  missingSerial,
  unreadableTime,
  type NormalizeResult,
} from './normalize-steps.js';

/** A normaliser for objects with one key order; `zone` is the time-zone option. */
export type KeyOrderNormalizer = (raw: Record<string, unknown>, zone: string) => NormalizeResult;

interface Shape {
  readonly keys: readonly string[];
  seen: number;
  /** Compiled lazily per `keepUnknown`: index 0 without, 1 with. */
  readonly normalizers: [KeyOrderNormalizer | undefined, KeyOrderNormalizer | undefined];
}

/** How many objects of one key order are left to the general normaliser before the order is compiled. */
export const COMPILE_AFTER = 4;

// Bounds for hostile or chaotic input: memory and compile time stay bounded whatever arrives.
const MAX_COMPILED = 64;
const MAX_CANDIDATES = 1024;
const MAX_KEYS = 256;

const helpers = {
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
  unreadableTime,
};

/** The shapes seen so far, by first key (one or two per payload family in practice). */
const shapes = new Map<string, Shape[]>();
let candidates = 0;
let compiled = 0;
let canCompile = true;

/**
 * Returns the normaliser compiled for this object's key order, or `undefined` when the general
 * normaliser should run: the first time an order is seen, for very large objects, and beyond the
 * cache bounds.
 *
 * GoodWe payloads of one family repeat the same keys in the same order, so from the second object
 * of an order on, the alias lookup, the dispatch on the field kind and the "first alias wins"
 * bookkeeping are all decided once, and what is left is straight-line code reading each property by
 * name (one hidden class per order) and returning the record as an object literal. The result is
 * the general normaliser's, to the key order of the record and of its quality notes; a property
 * test holds them equal.
 */
export function keyOrderNormalizer(raw: object, keepUnknownKeys: boolean): KeyOrderNormalizer | undefined {
  if (!canCompile) return undefined;
  const shape = latestShape(raw) ?? findOrRemember(raw);
  if (shape === undefined) return undefined;
  const slot = keepUnknownKeys ? 1 : 0;
  const normalizer = shape.normalizers[slot];
  if (normalizer !== undefined) return normalizer;
  if (++shape.seen < COMPILE_AFTER) return undefined;
  if (compiled >= MAX_COMPILED) forgetAllBut(shape); // start over, so that the orders seen from now on get compiled
  const made = compile(shape.keys, keepUnknownKeys);
  if (made !== undefined) {
    shape.normalizers[slot] = made;
    compiled++;
  }
  return made;
}

/**
 * The common case without allocating: the object has the key order last seen with its first key.
 * A `for...in` walk over a parsed object reads V8's enum cache, and JSON.parse interns property
 * names, so each comparison is a pointer comparison.
 */
function latestShape(raw: object): Shape | undefined {
  let keys: readonly string[] | undefined;
  let index = 0;
  for (const key in raw) {
    if (keys === undefined) {
      keys = shapes.get(key)?.[0]?.keys;
      if (keys === undefined) return undefined;
    } else if (keys[index] !== key) {
      return undefined;
    }
    index++;
  }
  return keys !== undefined && index === keys.length ? shapes.get(keys[0] as string)?.[0] : undefined;
}

/** Looks the key order up among all shapes with its first key (moving it to the front), or remembers it. */
function findOrRemember(raw: object): Shape | undefined {
  const keys = Object.keys(raw);
  const first = keys[0];
  if (first === undefined || keys.length > MAX_KEYS) return undefined;
  const list = shapes.get(first);
  const shape = list === undefined ? undefined : findShape(list, keys);
  if (shape === undefined) {
    remember(first, list, keys);
    return undefined;
  }
  if (list !== undefined && list[0] !== shape) {
    list.splice(list.indexOf(shape), 1);
    list.unshift(shape);
  }
  return shape;
}

function findShape(list: readonly Shape[], keys: readonly string[]): Shape | undefined {
  next: for (const shape of list) {
    const known = shape.keys;
    if (known.length !== keys.length) continue;
    // JSON.parse interns property names, so these comparisons are pointer comparisons.
    for (let index = 1; index < keys.length; index++) if (known[index] !== keys[index]) continue next;
    return shape;
  }
  return undefined;
}

function forgetAllBut(shape: Shape): void {
  shapes.clear();
  shape.normalizers[0] = shape.normalizers[1] = undefined;
  shapes.set(shape.keys[0] as string, [shape]);
  candidates = 1;
  compiled = 0;
}

function remember(first: string, list: Shape[] | undefined, keys: readonly string[]): void {
  if (candidates >= MAX_CANDIDATES) {
    // Forget the orders seen once only, so a burst of chaotic input does not block new families.
    for (const [key, known] of shapes) {
      const kept = known.filter((shape) => shape.normalizers[0] !== undefined || shape.normalizers[1] !== undefined);
      if (kept.length === 0) shapes.delete(key);
      else shapes.set(key, kept);
    }
    candidates = 0;
    list = shapes.get(first);
  }
  const shape: Shape = { keys, seen: 1, normalizers: [undefined, undefined] };
  if (list === undefined) shapes.set(first, [shape]);
  else list.push(shape);
  candidates++;
}

const literal = (value: string): string => JSON.stringify(value);

/** The statements that read one wire key into its field's local variable. */
function readStatements(key: string, field: CompiledField, firstOfField: boolean): string {
  const k = literal(key);
  const f = `F[${field.index}]`;
  const local = `s${field.index}`;
  const assign = (value: string): string =>
    firstOfField ? `${local} = ${value};` : `if (${local} === null && ${value} !== null) ${local} = ${value};`;
  const load = `v = raw[${k}];`;
  switch (field.kind) {
    case 'reading':
      return `${load}
if (typeof v === 'number' && Number.isFinite(v)) r = v;
else { r = h.parseNumber(v, ${f}.suffixes); if (r === I) return h.invalid(${k}, v, 'a number'); }
if (r !== null && (r === 6553.5 || r === 655.35 || r < ${f}.min || r > ${f}.max)) r = h.cleanReading(${f}, ${k}, r, q);
${assign('r')}`;
    case 'code':
      return `${load}
if (typeof v === 'number' && Number.isSafeInteger(v)) r = v;
else {
  r = h.readCode(v);
  if (r === I) return h.invalid(${k}, v, 'an integer code');
  if (r === 'label') { q.push(${literal(field.key)} + ': ' + h.showValue(v) + ' from ' + ${k} + ' is a label, not a code'); r = null; }
}
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
  r = h.parseTime(v, zone);
  if (r === I) { if (badTimeKey === undefined) { badTimeKey = ${k}; badTime = v; } }
  else if (r !== null && (timeMs === undefined || (epoch && !timeFromEpoch))) { timeMs = r; timeFromEpoch = epoch; }
}`;
  }
}

/** The object literal of the record: the filled fields in canonical order, then `quality`. */
function recordLiteral(filled: ReadonlySet<number>, withTime: boolean): string {
  const parts: string[] = [];
  canonicalFieldOrder.forEach((name, index) => {
    const field = aliasTable[name];
    if (field?.kind === 'serial') parts.push(`${literal(name)}: serialNumber`);
    else if (field?.kind === 'time') {
      if (withTime) parts.push(`${literal(name)}: time`);
    } else if (filled.has(index)) parts.push(`${literal(name)}: s${index}`);
  });
  parts.push('"quality": q');
  return `{ ${parts.join(', ')} }`;
}

function compile(keys: readonly string[], keepUnknownKeys: boolean): KeyOrderNormalizer | undefined {
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
  const body = `return function normalizeKeyOrder(raw, zone) {
const q = [];
let v, r, epoch, serialNumber, emptySerialKey, timeMs, timeFromEpoch = false, badTimeKey, badTime${locals.map((local) => `, ${local}`).join('')};
${statements.join('\n')}
if (serialNumber === undefined) return h.missingSerial(emptySerialKey);
if (timeMs === undefined && badTimeKey !== undefined) return h.unreadableTime(badTimeKey, badTime);
const time = timeMs === undefined ? undefined : new Date(timeMs);
const out = time === undefined ? ${recordLiteral(filled, false)} : ${recordLiteral(filled, true)};
${unknown.join('\n')}
return { ok: true, value: out, serialNumber, time };
};`;
  try {
    const fields = canonicalFieldOrder.map((name) => aliasTable[name]);
    return (new Function('h', 'F', 'I', body) as (...args: unknown[]) => KeyOrderNormalizer)(helpers, fields, INVALID);
  } catch {
    canCompile = false; // code generation from strings is disabled in this runtime
    return undefined;
  }
}
