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

/**
 * A normaliser for objects with one key order; `zone` is the time-zone option and `reference`
 * the instant that picks the occurrence of a time in a repeated hour (see `parseTime`).
 */
export type KeyOrderNormalizer = (
  raw: Record<string, unknown>,
  zone: string,
  reference?: number | undefined,
) => NormalizeResult;

/**
 * A node of the trie of key orders seen so far: the path from the root spells a key order. Each
 * node keeps its first child inline, so that walking a recurring order costs one pointer
 * comparison per key (JSON.parse interns property names), and the others in a map.
 */
interface KeyNode {
  key: string | undefined;
  next: KeyNode | undefined;
  others: Map<string, KeyNode> | undefined;
  /** How often an object with exactly this key order was seen. */
  seen: number;
  /** Compiled lazily per `keepUnknown`: index 0 without, 1 with. */
  readonly normalizers: [KeyOrderNormalizer | undefined, KeyOrderNormalizer | undefined];
}

/** How many objects of one key order are left to the general normaliser before the order is compiled. */
export const COMPILE_AFTER = 4;

// Bounds for hostile or chaotic input: beyond them the trie starts over, so memory and compile
// time stay bounded whatever arrives, and the key orders that recur are compiled again.
const MAX_COMPILED = 64;
const MAX_NODES = 16_384;
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

const newNode = (): KeyNode => ({
  key: undefined,
  next: undefined,
  others: undefined,
  seen: 0,
  normalizers: [undefined, undefined],
});

let root = newNode();
let nodes = 1;
let compiled = 0;
let canCompile = true;

/**
 * Returns the normaliser compiled for this object's key order, or `undefined` when the general
 * normaliser should run: for the first objects of an order, for very large objects, and when code
 * generation is disabled.
 *
 * GoodWe payloads of one family repeat the same keys in the same order, so once an order recurs,
 * the alias lookup, the dispatch on the field kind and the "first alias wins" bookkeeping are all
 * decided once, and what is left is straight-line code reading each property by name (one hidden
 * class per order) and returning the record as an object literal. The result is the general
 * normaliser's, to the key order of the record and of its quality notes; a property test holds
 * them equal.
 */
export function keyOrderNormalizer(raw: object, keepUnknownKeys: boolean): KeyOrderNormalizer | undefined {
  if (!canCompile) return undefined;
  let node = find(raw) ?? insert(raw);
  if (node === undefined) return undefined;
  const slot = keepUnknownKeys ? 1 : 0;
  const normalizer = node.normalizers[slot];
  if (normalizer !== undefined) return normalizer;
  if (++node.seen < COMPILE_AFTER) return undefined;
  if (compiled >= MAX_COMPILED) {
    startOver(); // keeping this order, seen often enough, in the new trie
    const seen = node.seen;
    node = insert(raw) as KeyNode;
    node.seen = seen;
  }
  const made = compile(Object.keys(raw), keepUnknownKeys);
  if (made !== undefined) {
    node.normalizers[slot] = made;
    compiled++;
  }
  return made;
}

/** The node of this object's key order, without allocating; `undefined` if the order is new. */
function find(raw: object): KeyNode | undefined {
  let node: KeyNode | undefined = root;
  for (const key in raw) {
    node = node.key === key ? node.next : node.others?.get(key);
    if (node === undefined) return undefined;
  }
  return node === root ? undefined : node;
}

/** Adds this object's key order to the trie (its first sighting), or `undefined` past the bounds. */
function insert(raw: object): KeyNode | undefined {
  const keys = Object.keys(raw);
  if (keys.length === 0 || keys.length > MAX_KEYS) return undefined;
  if (nodes + keys.length > MAX_NODES) startOver();
  let node = root;
  for (const key of keys) {
    let child = node.key === key ? node.next : node.others?.get(key);
    if (child === undefined) {
      child = newNode();
      nodes++;
      if (node.next === undefined) {
        node.key = key;
        node.next = child;
      } else {
        (node.others ??= new Map()).set(key, child);
      }
    }
    node = child;
  }
  return node;
}

function startOver(): void {
  root = newNode();
  nodes = 1;
  compiled = 0;
}

const literal = (value: string): string => JSON.stringify(value);

/** The range check of a reading, with the bounds written in (none for an unbounded side). */
const bounds = (field: CompiledField): string =>
  (Number.isFinite(field.min) ? ` || r < ${field.min}` : '') +
  (Number.isFinite(field.max) ? ` || r > ${field.max}` : '');

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
if (r !== null && (r === 6553.5 || r === 655.35${bounds(field)})) r = h.cleanReading(${f}, ${k}, r, q);
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
  r = h.parseTime(v, zone, reference);
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
  const body = `return function normalizeKeyOrder(raw, zone, reference) {
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
