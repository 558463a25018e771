import type { z } from 'zod';
import { ConfigError } from '../errors/config-error.js';

/**
 * `true` when A and B are the same type. Mutual assignability is not enough: it lets an optional
 * option be missing from one side, so a field documented but not validated (or validated but not
 * documented) would go unnoticed.
 */
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Compiles only when given `true`: `type _Check = Assert<Equal<A, B>>`. */
export type Assert<T extends true> = T;

/**
 * The `error` parameter of `z.strictObject` for an options object: an unknown key is named, with
 * the closest known key when it is probably a typo.
 */
export function unknownOptionError(
  known: readonly string[],
): (issue: { code?: string; keys?: string[] }) => string | undefined {
  return (issue) => {
    if (issue.code !== 'unrecognized_keys' || !issue.keys) return undefined;
    return issue.keys
      .map((key) => {
        const suggestion = closestKey(key, known);
        return `unknown option "${key}"${suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`}`;
      })
      .join(', ');
  };
}

/**
 * The known key `key` is probably a misspelling of: the nearest by edit distance (a swap of two
 * neighbouring letters counts as one edit, letter case is ignored) when it is at most one edit away
 * for short keys and two for keys of six letters or more.
 */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  const limit = key.length >= 6 ? 2 : 1;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of known) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

// Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps.
function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => rows[i]![j]!;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        distance = Math.min(distance, at(i - 2, j - 2) + 1);
      rows[i]![j] = distance;
    }
  }
  return at(a.length, b.length);
}

/**
 * Validates options with their schema and applies defaults; a problem becomes a `ConfigError`
 * naming the option: `Invalid consumer option gaps.settleMs: ...`, or for an unknown key
 * `Invalid consumer options: unknown option "maxBufferedRecord" (did you mean "maxBufferedRecords"?).`
 */
export function parseOptions<S extends z.ZodType>(schema: S, input: unknown, subject: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = (issue?.path ?? []).map(String).join('.');
  const where = path === '' ? `Invalid ${subject} options` : `Invalid ${subject} option ${path}`;
  throw new ConfigError(`${where}: ${issue?.message ?? 'invalid value'}.`, { cause: parsed.error });
}
