import { UsageError } from './usage-error.js';

const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * A duration such as `300ms`, `30s`, `5m`, `1.5h` or `2d`. Returns milliseconds. The unit is
 * required: `--interval 5` meant five minutes to its writer and 5 ms to the parser.
 */
export function parseDuration(flag: string, text: string, command: string): number {
  const trimmed = text.trim();
  if (/^\d+(?:\.\d+)?$/.test(trimmed)) {
    throw new UsageError(
      `--${flag} "${text}" has no unit; write ${trimmed}ms, ${trimmed}s, ${trimmed}m, ${trimmed}h or ${trimmed}d`,
      command,
    );
  }
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(trimmed);
  if (!match) throw new UsageError(`--${flag} "${text}" is not a duration (e.g. 300ms, 30s, 5m, 2h, 1d)`, command);
  return Math.round(Number(match[1]) * units[match[2]!]!);
}

/**
 * A point in time: ISO-8601 (`2026-06-15T08:00:00Z`; without an offset it is local time),
 * epoch milliseconds (`1781510400000`), `now`, or a duration ago (`-2h`, `-30m`, `-1d`).
 */
export function parseTime(flag: string, text: string, command: string, now = Date.now()): Date {
  const trimmed = text.trim();
  if (trimmed === 'now') return new Date(now);
  if (trimmed.startsWith('-')) return new Date(now - parseDuration(flag, trimmed.slice(1), command));
  const ms = /^\d+$/.test(trimmed) ? Number(trimmed) : Date.parse(trimmed);
  if (!Number.isFinite(ms)) {
    throw new UsageError(
      `--${flag} "${text}" is not a time (ISO-8601 such as 2026-06-15T08:00:00Z, epoch ms, now, or -2h)`,
      command,
    );
  }
  return new Date(ms);
}

/** A probability between 0 and 1; `1%` style percentages are accepted too. */
export function parseProbability(flag: string, text: string, command: string): number {
  const trimmed = text.trim();
  const value = trimmed.endsWith('%') ? Number(trimmed.slice(0, -1)) / 100 : Number(trimmed);
  if (trimmed === '' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new UsageError(`--${flag} "${text}" is not a probability between 0 and 1 (e.g. 0.01 or 1%)`, command);
  }
  return value;
}

/** A whole number within `[min, max]`. */
export function parseInteger(
  flag: string,
  text: string,
  command: string,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const value = Number(text.trim());
  if (!/^-?\d+$/.test(text.trim()) || value < min || value > max) {
    throw new UsageError(`--${flag} "${text}" is not a whole number from ${min} to ${max}`, command);
  }
  return value;
}

/** A positive number, or `max` / `Infinity`. */
export function parseFactor(flag: string, text: string, command: string): number {
  const trimmed = text.trim();
  if (trimmed === 'max' || trimmed === 'Infinity') return Number.POSITIVE_INFINITY;
  const value = Number(trimmed);
  if (trimmed === '' || !Number.isFinite(value) || value <= 0) {
    throw new UsageError(`--${flag} "${text}" is not a positive number (or max)`, command);
  }
  return value;
}
