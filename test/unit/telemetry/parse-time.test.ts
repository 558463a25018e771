import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INVALID } from '../../../src/telemetry/parse-number.js';
import { parseTime } from '../../../src/telemetry/parse-time.js';
import { decodeOne } from './decode-helpers.js';

const iso = (epochMs: unknown): unknown => (typeof epochMs === 'number' ? new Date(epochMs).toISOString() : epochMs);

describe('parseTime', () => {
  it.each([
    ['epoch milliseconds', 1749890112000, '2025-06-14T08:35:12.000Z'],
    ['epoch seconds', 1749890112, '2025-06-14T08:35:12.000Z'],
    ['epoch seconds with a fraction', 1749890112.25, '2025-06-14T08:35:12.250Z'],
    ['epoch milliseconds as a string', '1749890112000', '2025-06-14T08:35:12.000Z'],
    ['epoch seconds as a string', ' 1749890112 ', '2025-06-14T08:35:12.000Z'],
    ['ISO-8601 in UTC', '2026-11-20T10:05:00Z', '2026-11-20T10:05:00.000Z'],
    ['ISO-8601 with milliseconds', '2026-11-20T10:05:00.123Z', '2026-11-20T10:05:00.123Z'],
    ['ISO-8601 with microseconds', '2026-11-20T10:05:00.123456Z', '2026-11-20T10:05:00.123Z'],
    ['ISO-8601 with an offset', '2026-11-20T10:05:00+01:00', '2026-11-20T09:05:00.000Z'],
    ['ISO-8601 with a compact offset', '2026-11-20T10:05:00-0530', '2026-11-20T15:35:00.000Z'],
    ['ISO-8601 with an hour offset', '2026-11-20T10:05:00+08', '2026-11-20T02:05:00.000Z'],
    ['ISO-8601 without seconds', '2026-11-20T10:05Z', '2026-11-20T10:05:00.000Z'],
    ['ISO-8601 without an offset', '2026-11-20T10:05:00', '2026-11-20T10:05:00.000Z'],
    ['yyyy-MM-dd HH:mm:ss', '2026-11-20 10:05:00', '2026-11-20T10:05:00.000Z'],
    ['MM/dd/yyyy HH:mm:ss', '11/20/2026 10:05:00', '2026-11-20T10:05:00.000Z'],
    ['MM/dd/yyyy with a space after each colon', '11/20/2026 10: 05: 00', '2026-11-20T10:05:00.000Z'],
    ['the SEMS capture with spaces', '05/30/2026 08: 23: 04', '2026-05-30T08:23:04.000Z'],
    ['MM/dd/yyyy with one-digit parts', '1/2/2026 7:05:09', '2026-01-02T07:05:09.000Z'],
    ['a leap day', '02/29/2028 12:00:00', '2028-02-29T12:00:00.000Z'],
  ])('reads %s', (_, wire, expected) => {
    expect(iso(parseTime(wire, 'UTC'))).toBe(expected);
  });

  it.each([
    ['null', null],
    ['an empty string', ''],
    ['a dash placeholder', '--'],
    ['epoch 0 (an unset device clock)', 0],
  ])('reads %s as not available', (_, wire) => {
    expect(parseTime(wire, 'UTC')).toBeNull();
  });

  it.each([
    ['free text', 'yesterday'],
    ['a month 13', '13/01/2026 10:00:00'],
    ['the 30th of February', '02/30/2026 10:00:00'],
    ['February 29th in a common year', '2026-02-29 10:00:00'],
    ['hour 24', '2026-11-20 24:00:00'],
    ['an offset beyond 18 hours', '2026-11-20T10:05:00+19:00'],
    ['a date without a time', '2026-11-20'],
    ['a negative epoch', -1],
    ['an epoch past the end of Date', 9e15],
    ['a boolean', true],
    ['an object', { seconds: 1 }],
  ])('rejects %s', (_, wire) => {
    expect(parseTime(wire, 'UTC')).toBe(INVALID);
  });
});

describe('decodeTelemetry time zones', () => {
  const timeIn = (time: string, timeZone?: string): string | undefined =>
    decodeOne({ sn: 'A', time }, timeZone === undefined ? undefined : { timeZone }).time?.toISOString();

  it('reads a time without an offset as UTC by default', () => {
    expect(timeIn('2026-11-20 10:05:00')).toBe('2026-11-20T10:05:00.000Z');
  });

  it.each([
    ['Europe/Amsterdam in winter (UTC+1)', '11/20/2026 10:05:00', 'Europe/Amsterdam', '2026-11-20T09:05:00.000Z'],
    ['Europe/Amsterdam in summer (UTC+2)', '2026-06-14 10:35:12', 'Europe/Amsterdam', '2026-06-14T08:35:12.000Z'],
    ['China Standard Time (UTC+8)', '01/10/2026 22:52:38', 'Asia/Shanghai', '2026-01-10T14:52:38.000Z'],
    ['Sydney in its summer (UTC+11)', '2026-01-10 15:52:38', 'Australia/Sydney', '2026-01-10T04:52:38.000Z'],
    ['New York in summer (UTC-4)', '2026-07-04 12:00:00', 'America/New_York', '2026-07-04T16:00:00.000Z'],
    ['India (UTC+5:30)', '2026-07-04 12:00:00', 'Asia/Kolkata', '2026-07-04T06:30:00.000Z'],
  ])('reads a time without an offset in %s', (_, wire, zone, expected) => {
    expect(timeIn(wire, zone)).toBe(expected);
  });

  it.each([
    [
      'moves a time skipped when clocks go forward past the gap (Berlin)',
      '2026-03-29 02:30:00',
      'Europe/Berlin',
      '2026-03-29T01:30:00.000Z',
    ],
    [
      'reads the last minute before the spring gap (Berlin)',
      '2026-03-29 01:59:00',
      'Europe/Berlin',
      '2026-03-29T00:59:00.000Z',
    ],
    [
      'reads the first minute after the spring gap (Berlin)',
      '2026-03-29 03:00:00',
      'Europe/Berlin',
      '2026-03-29T01:00:00.000Z',
    ],
    [
      'takes the earlier instant of a time that happens twice (Berlin)',
      '10/25/2026 02:30:00',
      'Europe/Berlin',
      '2026-10-25T00:30:00.000Z',
    ],
    [
      'reads the hour after the repeated one in winter time (Berlin)',
      '10/25/2026 03:30:00',
      'Europe/Berlin',
      '2026-10-25T02:30:00.000Z',
    ],
    [
      'moves a time skipped when clocks go forward (New York)',
      '2026-03-08 02:30:00',
      'America/New_York',
      '2026-03-08T07:30:00.000Z',
    ],
    [
      'takes the earlier instant when clocks go back (New York)',
      '2026-11-01 01:30:00',
      'America/New_York',
      '2026-11-01T05:30:00.000Z',
    ],
    [
      'crosses DST the other way in the southern hemisphere (Sydney)',
      '2026-04-05 02:30:00',
      'Australia/Sydney',
      '2026-04-04T15:30:00.000Z',
    ],
  ])('%s', (_, wire, zone, expected) => {
    expect(timeIn(wire, zone)).toBe(expected);
  });

  it('ignores the zone option when the string carries an offset', () => {
    expect(timeIn('2026-11-20T10:05:00+01:00', 'Asia/Shanghai')).toBe('2026-11-20T09:05:00.000Z');
  });

  it('prefers an epoch field over a formatted string, whatever their order', () => {
    const epoch = 1749890112000;
    const expected = new Date(epoch).toISOString();
    expect(decodeOne({ sn: 'A', last_refresh_time: '10/01/2026 15:52:38', last_time: epoch }).time?.toISOString()).toBe(
      expected,
    );
    expect(decodeOne({ sn: 'A', last_time: epoch, last_refresh_time: '10/01/2026 15:52:38' }).time?.toISOString()).toBe(
      expected,
    );
  });

  it('does not fail on an unreadable time string when an epoch time is present', () => {
    const record = decodeOne({ sn: 'A', last_refresh_time: '25/01/2026 15:52:38', last_time: 1749890112000 });
    expect(record.time?.getTime()).toBe(1749890112000);
  });

  it('leaves time out when the message has none', () => {
    const record = decodeOne({ sn: 'A', last_time: null, time: '--' });
    expect(record.time).toBeUndefined();
    expect(record.value).not.toHaveProperty('time');
  });
});

describe('parseTime on the shape Date#toISOString writes', () => {
  // The short path for `yyyy-MM-ddTHH:mm:ss(.sss)Z` must agree with the general one, which reads
  // the same text with an explicit +00:00 offset, on valid and invalid dates alike.
  const digits = (count: number) =>
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: count, maxLength: count }).map((d) => d.join(''));
  const isoText = fc
    .tuple(fc.constantFrom('20', '19', '09', '00'), digits(2), digits(2), digits(2), digits(2), digits(2), digits(2))
    .chain(([century, year, month, day, hour, minute, second]) =>
      fc.tuple(
        fc.constant(`${century}${year}-${month}-${day}T${hour}:${minute}:${second}`),
        fc.oneof(
          fc.constant(''),
          digits(3).map((ms) => `.${ms}`),
        ),
      ),
    );

  it('reads it exactly as the same text with a +00:00 offset', () => {
    fc.assert(
      fc.property(isoText, ([wall, fraction]) => {
        expect(parseTime(`${wall}${fraction}Z`, 'Europe/Berlin')).toBe(parseTime(`${wall}${fraction}+00:00`, 'UTC'));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads any instant it writes back as that instant', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }),
        (date) => {
          expect(parseTime(date.toISOString(), 'UTC')).toBe(date.getTime());
        },
      ),
    );
  });

  it('rejects a day the month does not have', () => {
    expect(parseTime('2026-02-30T10:05:00.000Z', 'UTC')).toBe(INVALID);
  });
});
