/** A wall-clock time as written in a message, without a zone. Months count from 1. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const DAY_MS = 86_400_000;

// Formatters are costly to build and there are few zones in use: keep one per zone for the
// life of the process.
const formatters = new Map<string, Intl.DateTimeFormat | undefined>();

function formatterFor(timeZone: string): Intl.DateTimeFormat | undefined {
  if (formatters.has(timeZone)) return formatters.get(timeZone);
  let formatter: Intl.DateTimeFormat | undefined;
  try {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    formatter = undefined; // RangeError: not an IANA zone this runtime knows
  }
  formatters.set(timeZone, formatter);
  return formatter;
}

/** Tells whether `timeZone` is an IANA zone name (or `UTC`) that this runtime can convert. */
export function isKnownTimeZone(timeZone: string): boolean {
  return formatterFor(timeZone) !== undefined;
}

/** The zone's offset from UTC at `epochMs`, in milliseconds (positive east of Greenwich). */
function offsetAt(formatter: Intl.DateTimeFormat, epochMs: number): number {
  const wall: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of formatter.formatToParts(epochMs)) wall[part.type] = Number(part.value);
  const { year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = wall;
  const wholeSeconds = epochMs - (((epochMs % 1000) + 1000) % 1000);
  return Date.UTC(year, month - 1, day, hour, minute, second) - wholeSeconds;
}

/**
 * The offset of `timeZone` from UTC at `epochMs`, in milliseconds (positive east of Greenwich);
 * 0 for a zone this runtime does not know.
 */
export function zoneOffsetMs(timeZone: string, epochMs: number): number {
  const formatter = timeZone === 'UTC' ? undefined : formatterFor(timeZone);
  return formatter === undefined ? 0 : offsetAt(formatter, epochMs);
}

/**
 * Converts a wall-clock time read in `timeZone` to epoch milliseconds.
 *
 * A time that happens twice when clocks go back (the repeated hour) takes the occurrence closest
 * to `referenceMs` when one is given (the Kafka record timestamp: a reading is produced shortly
 * after it is taken, so the nearer occurrence is the one meant), the earlier one on a tie; without
 * a reference it takes the earlier one, as Temporal's `'compatible'` disambiguation does. A time
 * skipped when clocks go forward is moved forward by the gap (02:30 on a spring-forward night in
 * Europe/Berlin is 03:30 CEST).
 *
 * `timeZone` must be known (see {@link isKnownTimeZone}); an unknown zone reads as UTC.
 */
export function wallTimeToEpoch(wall: WallTime, timeZone: string, referenceMs?: number): number {
  const { year, month, day, hour, minute, second, millisecond } = wall;
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  const formatter = timeZone === 'UTC' ? undefined : formatterFor(timeZone);
  if (formatter === undefined) return asUtc;
  // Offsets a day either side bracket any transition near this wall time.
  const before = offsetAt(formatter, asUtc - DAY_MS);
  const after = offsetAt(formatter, asUtc + DAY_MS);
  if (before === after) return asUtc - before; // no transition near: the usual case
  const early = asUtc - Math.max(before, after); // the larger offset gives the earlier instant
  const late = asUtc - Math.min(before, after);
  const earlyHolds = offsetAt(formatter, early) === Math.max(before, after);
  const lateHolds = offsetAt(formatter, late) === Math.min(before, after);
  if (earlyHolds && lateHolds) {
    // The repeated hour: both instants show this wall time.
    if (referenceMs === undefined) return early;
    return Math.abs(late - referenceMs) < Math.abs(early - referenceMs) ? late : early;
  }
  if (earlyHolds) return early;
  if (lateHolds) return late;
  // Neither: the wall time fell in a spring-forward gap; reading it with the offset in force
  // before the gap lands the same distance past the transition.
  return asUtc - before;
}
