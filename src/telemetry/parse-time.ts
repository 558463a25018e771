import { INVALID, isEmptyText, type Parsed } from './parse-number.js';
import { readFixedWall, readUtcIsoWall } from './fixed-width-time.js';
import { wallTimeToEpoch, type WallTime } from './zoned-time.js';

// Below this an epoch is in seconds: 1e11 ms is March 1973, 1e11 s is the year 5138.
const SECONDS_LIMIT = 1e11;

// The largest time a Date can hold.
const MAX_DATE_MS = 8.64e15;

const epochDigits = /^\s*\d+(?:\.\d+)?\s*$/;
// ISO-8601 and `yyyy-MM-dd HH:mm:ss`, with optional seconds, fraction and offset.
const isoLike =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
// `MM/dd/yyyy HH:mm:ss`; some SEMS responses put a space after each colon (`10: 05: 00`).
const usLike = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2}):\s*(\d{1,2})(?::\s*(\d{1,2}))?$/;

/**
 * Whether a string is an epoch (`epochDigits`). Most time strings hold a character no epoch can
 * (`-`, `/`, `:`), which answers at once; only strings of digits, points and possible whitespace
 * are left to the regular expression, which knows what `\s` covers.
 */
function isEpochText(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if ((code >= 48 && code <= 57) || code === 46) continue; // a digit or '.'
    if (code > 32 && code < 160) return false; // printable ASCII, not whitespace
  }
  return epochDigits.test(text);
}

/** Tells whether a wire time is an epoch (a number or a string of digits), which wins over a formatted string. */
export function isEpochTime(value: unknown): boolean {
  return typeof value === 'number' || (typeof value === 'string' && isEpochText(value));
}

function fromEpoch(epoch: number): Parsed<number> {
  if (!Number.isFinite(epoch) || epoch < 0) return INVALID;
  if (epoch === 0) return null; // an unset device clock, not 1970
  const ms = Math.round(epoch < SECONDS_LIMIT ? epoch * 1000 : epoch);
  return ms <= MAX_DATE_MS ? ms : INVALID;
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

function isValidWall(wall: WallTime): boolean {
  return (
    wall.year >= 1000 &&
    wall.month >= 1 &&
    wall.month <= 12 &&
    wall.day >= 1 &&
    wall.day <= daysInMonth(wall.year, wall.month) &&
    wall.hour <= 23 &&
    wall.minute <= 59 &&
    wall.second <= 59
  );
}

/** Reads `Z`, `+01`, `+0100` or `-05:30` as minutes east of UTC. */
function offsetMinutes(offset: string): number | undefined {
  if (offset === 'Z' || offset === 'z') return 0;
  const hours = Number(offset.slice(1, 3));
  const minutes = offset.length > 3 ? Number(offset.slice(-2)) : 0;
  if (hours > 18 || minutes > 59) return undefined;
  return (offset.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

function fromWall(
  wall: WallTime,
  offset: string | undefined,
  timeZone: string,
  referenceMs: number | undefined,
): Parsed<number> {
  if (!isValidWall(wall)) return INVALID;
  if (offset === undefined) return wallTimeToEpoch(wall, timeZone, referenceMs);
  const minutes = offsetMinutes(offset);
  if (minutes === undefined) return INVALID;
  return wallTimeToEpoch(wall, 'UTC') - minutes * 60_000;
}

function parseTimeText(text: string, timeZone: string, referenceMs: number | undefined): Parsed<number> {
  const utc = readUtcIsoWall(text);
  if (utc !== undefined) return fromWall(utc, 'Z', 'UTC', undefined);
  const wall = readFixedWall(text);
  if (wall !== undefined) return fromWall(wall, undefined, timeZone, referenceMs);
  const iso = isoLike.exec(text);
  if (iso !== null) {
    const [, year, month, day, hour, minute, second, fraction, offset] = iso;
    const wall: WallTime = {
      year: Number(year),
      month: Number(month),
      day: Number(day),
      hour: Number(hour),
      minute: Number(minute),
      second: Number(second ?? 0),
      millisecond: Number((fraction ?? '').padEnd(3, '0').slice(0, 3)),
    };
    return fromWall(wall, offset, timeZone, referenceMs);
  }
  const us = usLike.exec(text);
  if (us !== null) {
    const [, month, day, year, hour, minute, second] = us;
    const wall: WallTime = {
      year: Number(year),
      month: Number(month),
      day: Number(day),
      hour: Number(hour),
      minute: Number(minute),
      second: Number(second ?? 0),
      millisecond: 0,
    };
    return fromWall(wall, undefined, timeZone, referenceMs);
  }
  return INVALID;
}

/**
 * Reads a wire time as epoch milliseconds. Accepts epoch ms or s (numbers or digit strings),
 * ISO-8601 with or without offset, `yyyy-MM-dd HH:mm:ss` and `MM/dd/yyyy HH:mm:ss` (spaces after
 * the colons tolerated). A string without an offset is read as wall-clock time in `timeZone`; in
 * the hour that repeats when clocks go back, as the occurrence closest to `referenceMs` (see
 * {@link wallTimeToEpoch}). `null`, `""`, `"--"` and epoch 0 give `null`; anything else unreadable
 * gives {@link INVALID}.
 */
export function parseTime(value: unknown, timeZone: string, referenceMs?: number): Parsed<number> {
  if (typeof value === 'number') return fromEpoch(value);
  if (value === null) return null;
  if (typeof value !== 'string') return INVALID;
  if (isEmptyText(value)) return null;
  if (isEpochText(value)) return fromEpoch(Number(value));
  return parseTimeText(value.trim(), timeZone, referenceMs);
}
