import { aliasTable, canonicalFieldOrder } from './alias-table.js';
import { keyOrderHelpers, keyOrderSource } from './key-order-source.js';
import type { NormalizeResult } from './normalize-steps.js';
import { INVALID } from './parse-number.js';

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

function compile(keys: readonly string[], keepUnknownKeys: boolean): KeyOrderNormalizer | undefined {
  const body = keyOrderSource(keys, keepUnknownKeys);
  try {
    const fields = canonicalFieldOrder.map((name) => aliasTable[name]);
    return (new Function('h', 'F', 'I', body) as (...args: unknown[]) => KeyOrderNormalizer)(
      keyOrderHelpers,
      fields,
      INVALID,
    );
  } catch {
    canCompile = false; // code generation from strings is disabled in this runtime
    return undefined;
  }
}
