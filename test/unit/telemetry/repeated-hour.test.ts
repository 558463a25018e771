import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/errors/error-codes.js';
import { decodeTelemetry } from '../../../src/telemetry/decode-telemetry.js';
import { COMPILE_AFTER } from '../../../src/telemetry/key-order-normalizer.js';
import { parseTime } from '../../../src/telemetry/parse-time.js';

const ms = (iso: string): number => Date.parse(iso);
const iso = (epochMs: unknown): unknown => (typeof epochMs === 'number' ? new Date(epochMs).toISOString() : epochMs);

// Europe/Berlin goes back from CEST (+2) to CET (+1) at 2026-10-25T01:00Z: 02:00-02:59 happens
// at 00:00-00:59Z and again at 01:00-01:59Z. Australia/Sydney goes back from AEDT (+11) to AEST
// (+10) at 2026-04-04T16:00Z: 02:00-02:59 on the 5th happens at 15:00-15:59Z and 16:00-16:59Z.
const cases: [string, string, string, string | undefined, string][] = [
  // what, wire time, zone, reference (Kafka timestamp), expected instant
  [
    'Berlin, first occurrence, no reference',
    '2026-10-25 02:30:00',
    'Europe/Berlin',
    undefined,
    '2026-10-25T00:30:00.000Z',
  ],
  [
    'Berlin, a reference in the first hour',
    '2026-10-25 02:30:00',
    'Europe/Berlin',
    '2026-10-25T00:30:05Z',
    '2026-10-25T00:30:00.000Z',
  ],
  [
    'Berlin, a reference in the second hour',
    '2026-10-25 02:30:00',
    'Europe/Berlin',
    '2026-10-25T01:30:05Z',
    '2026-10-25T01:30:00.000Z',
  ],
  [
    'Berlin, MM/dd/yyyy in the second hour',
    '10/25/2026 02:30:00',
    'Europe/Berlin',
    '2026-10-25T01:31:00Z',
    '2026-10-25T01:30:00.000Z',
  ],
  [
    'Berlin, ISO without offset in the second hour',
    '2026-10-25T02:30:00',
    'Europe/Berlin',
    '2026-10-25T01:31:00Z',
    '2026-10-25T01:30:00.000Z',
  ],
  [
    'Berlin, the first instant of the second hour',
    '2026-10-25 02:00:00',
    'Europe/Berlin',
    '2026-10-25T01:00:02Z',
    '2026-10-25T01:00:00.000Z',
  ],
  [
    'Berlin, the last second of the second hour',
    '2026-10-25 02:59:59',
    'Europe/Berlin',
    '2026-10-25T02:00:01Z',
    '2026-10-25T01:59:59.000Z',
  ],
  [
    'Berlin, a reference halfway takes the earlier',
    '2026-10-25 02:30:00',
    'Europe/Berlin',
    '2026-10-25T01:00:00Z',
    '2026-10-25T00:30:00.000Z',
  ],
  [
    'Berlin, a reference just past halfway',
    '2026-10-25 02:30:00',
    'Europe/Berlin',
    '2026-10-25T01:00:01Z',
    '2026-10-25T01:30:00.000Z',
  ],
  [
    'Berlin, a late delivery hours after',
    '2026-10-25 02:30:00',
    'Europe/Berlin',
    '2026-10-25T09:00:00Z',
    '2026-10-25T01:30:00.000Z',
  ],
  [
    'Berlin, the minute before the repeat is not moved',
    '2026-10-25 01:59:00',
    'Europe/Berlin',
    '2026-10-25T01:30:00Z',
    '2026-10-24T23:59:00.000Z',
  ],
  [
    'Berlin, the hour after the repeat is not moved',
    '2026-10-25 03:00:00',
    'Europe/Berlin',
    '2026-10-25T00:30:00Z',
    '2026-10-25T02:00:00.000Z',
  ],
  [
    'Berlin, the spring gap is not moved',
    '2026-03-29 02:30:00',
    'Europe/Berlin',
    '2026-03-29T00:00:00Z',
    '2026-03-29T01:30:00.000Z',
  ],
  [
    'Sydney, first occurrence, no reference',
    '2026-04-05 02:30:00',
    'Australia/Sydney',
    undefined,
    '2026-04-04T15:30:00.000Z',
  ],
  [
    'Sydney, a reference in the first hour',
    '2026-04-05 02:30:00',
    'Australia/Sydney',
    '2026-04-04T15:35:00Z',
    '2026-04-04T15:30:00.000Z',
  ],
  [
    'Sydney, a reference in the second hour',
    '2026-04-05 02:30:00',
    'Australia/Sydney',
    '2026-04-04T16:35:00Z',
    '2026-04-04T16:30:00.000Z',
  ],
  [
    'Sydney, the hour after the repeat is not moved',
    '2026-04-05 03:10:00',
    'Australia/Sydney',
    '2026-04-04T15:35:00Z',
    '2026-04-04T17:10:00.000Z',
  ],
  [
    'Shanghai (no DST), a far reference changes nothing',
    '2026-10-25 02:30:00',
    'Asia/Shanghai',
    '2026-10-26T12:00:00Z',
    '2026-10-24T18:30:00.000Z',
  ],
  [
    'UTC, a far reference changes nothing',
    '2026-10-25 02:30:00',
    'UTC',
    '2026-10-25T09:00:00Z',
    '2026-10-25T02:30:00.000Z',
  ],
  [
    'an explicit offset wins over the reference',
    '2026-10-25T02:30:00+02:00',
    'Europe/Berlin',
    '2026-10-25T01:30:00Z',
    '2026-10-25T00:30:00.000Z',
  ],
];

describe('a wall-clock time in the repeated autumn hour', () => {
  it.each(cases)('parseTime: %s', (_, wire, zone, reference, expected) => {
    expect(iso(parseTime(wire, zone, reference === undefined ? undefined : ms(reference)))).toBe(expected);
  });

  it.each(cases)('decodeTelemetry, general and compiled normaliser alike: %s', (_, wire, zone, reference, expected) => {
    // Decoded more often than the compile threshold, so the later calls take the compiled path.
    const times = Array.from({ length: COMPILE_AFTER + 2 }, () => {
      const referenceTime = reference === undefined ? undefined : ms(reference);
      const result = decodeTelemetry(JSON.stringify({ sn: 'GW1', time: wire, pac: 1 }), {
        timeZone: zone,
        referenceTime,
      });
      if (!result.ok) throw result.error;
      return result.records[0]?.time?.toISOString();
    });
    expect(new Set(times)).toEqual(new Set([expected]));
  });

  it('takes the reference as a Date as well as epoch milliseconds', () => {
    const bytes = JSON.stringify({ sn: 'GW1', last_time: '10/25/2026 02:45:00' });
    const asDate = decodeTelemetry(bytes, {
      timeZone: 'Europe/Berlin',
      referenceTime: new Date('2026-10-25T01:46:00Z'),
    });
    expect(asDate.ok && asDate.records[0]?.time?.toISOString()).toBe('2026-10-25T01:45:00.000Z');
  });

  it('prefers an epoch field whatever the reference', () => {
    const epoch = ms('2026-10-25T00:45:00Z');
    const bytes = JSON.stringify({ sn: 'GW1', last_time: epoch, time: '2026-10-25 02:45:00' });
    const result = decodeTelemetry(bytes, { timeZone: 'Europe/Berlin', referenceTime: ms('2026-10-25T01:46:00Z') });
    expect(result.ok && result.records[0]?.time?.getTime()).toBe(epoch);
  });

  it.each([
    ['NaN', Number.NaN],
    ['an invalid Date', new Date('not a date')],
    ['a string', '2026-10-25T01:46:00Z'],
  ])('rejects %s as the reference with GWK_CONFIG', (_, referenceTime) => {
    const result = decodeTelemetry('{"sn":"GW1"}', { referenceTime: referenceTime as number });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(ErrorCode.Config);
    expect(result.error.path).toBe('options.referenceTime');
  });
});
