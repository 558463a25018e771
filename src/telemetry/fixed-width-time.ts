import type { WallTime } from './zoned-time.js';

// Readers for the fixed-width time strings seen most on the wire, without the general regular
// expressions and their captures (several times faster). Each gives the wall time as written, or
// `undefined` for any other text, which then takes parse-time.ts's general path: the range checks
// and the conversion to an instant are that file's, so both paths give the same result.

/** The number written by `count` digits at `start`, or -1 if one of them is not a digit. */
function digitsAt(text: string, start: number, count: number): number {
  let number = 0;
  for (let index = start; index < start + count; index++) {
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return -1;
    number = number * 10 + digit;
  }
  return number;
}

/**
 * Reads `yyyy-MM-ddTHH:mm:ssZ` and `yyyy-MM-ddTHH:mm:ss.sssZ` (what `Date#toISOString` writes) as a
 * UTC wall time; `undefined` for any other text.
 */
export function readUtcIsoWall(text: string): WallTime | undefined {
  const length = text.length;
  if ((length !== 20 && length !== 24) || text.charCodeAt(length - 1) !== 90) return undefined; // 'Z'
  if (text[4] !== '-' || text[7] !== '-' || text[10] !== 'T' || text[13] !== ':' || text[16] !== ':') return undefined;
  if (length === 24 && text[19] !== '.') return undefined;
  const wall: WallTime = {
    year: digitsAt(text, 0, 4),
    month: digitsAt(text, 5, 2),
    day: digitsAt(text, 8, 2),
    hour: digitsAt(text, 11, 2),
    minute: digitsAt(text, 14, 2),
    second: digitsAt(text, 17, 2),
    millisecond: length === 24 ? digitsAt(text, 20, 3) : 0,
  };
  if (wall.year < 0 || wall.month < 0 || wall.day < 0 || wall.hour < 0 || wall.minute < 0) return undefined;
  if (wall.second < 0 || wall.millisecond < 0) return undefined;
  return wall;
}

/** The wall time written at `start` as `HH:mm:ss`, or as `HH: mm: ss` when `spaced`; `undefined` if a digit is missing. */
function clockAt(text: string, start: number, spaced: boolean): [number, number, number] | undefined {
  const step = spaced ? 4 : 3;
  if (text.charCodeAt(start + 2) !== 58 || text.charCodeAt(start + 2 + step) !== 58) return undefined; // ':'
  if (spaced && (text.charCodeAt(start + 3) !== 32 || text.charCodeAt(start + 7) !== 32)) return undefined;
  const hour = digitsAt(text, start, 2);
  const minute = digitsAt(text, start + step, 2);
  const second = digitsAt(text, start + 2 * step, 2);
  return hour < 0 || minute < 0 || second < 0 ? undefined : [hour, minute, second];
}

/**
 * Reads the fixed-width forms without an offset that GoodWe writes most, `yyyy-MM-dd HH:mm:ss`
 * (or with `T`) and `MM/dd/yyyy HH:mm:ss` (or `HH: mm: ss`); `undefined` for any other text.
 */
export function readFixedWall(text: string): WallTime | undefined {
  const length = text.length;
  let year: number;
  let month: number;
  let day: number;
  let clock: [number, number, number] | undefined;
  if (length === 19 && text[4] === '-' && text[7] === '-' && (text[10] === ' ' || text[10] === 'T')) {
    year = digitsAt(text, 0, 4);
    month = digitsAt(text, 5, 2);
    day = digitsAt(text, 8, 2);
    clock = clockAt(text, 11, false);
  } else if ((length === 19 || length === 21) && text[2] === '/' && text[5] === '/' && text[10] === ' ') {
    month = digitsAt(text, 0, 2);
    day = digitsAt(text, 3, 2);
    year = digitsAt(text, 6, 4);
    clock = clockAt(text, 11, length === 21);
  } else {
    return undefined;
  }
  if (clock === undefined || year < 0 || month < 0 || day < 0) return undefined;
  const [hour, minute, second] = clock;
  return { year, month, day, hour, minute, second, millisecond: 0 };
}
