import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isEpochTime, parseTime } from '../../../src/telemetry/parse-time.js';

// The regex-free readers of the common fixed-width forms must agree with the general path, which
// reads the same wall time written so that the fixed-width readers pass it on (a zero fraction,
// or two spaces between date and time), on valid and invalid dates alike.
const digits = (count: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: count, maxLength: count }).map((d) => d.join(''));
const parts = fc.record({
  year: fc.tuple(fc.constantFrom('20', '19', '09'), digits(2)).map(([century, year]) => `${century}${year}`),
  month: fc.oneof(digits(2), fc.constantFrom('10', '03', '04')),
  day: fc.oneof(digits(2), fc.constantFrom('25', '29', '05')),
  hour: fc.oneof(digits(2), fc.constantFrom('02', '03')),
  minute: digits(2),
  second: digits(2),
});
const zone = fc.constantFrom('UTC', 'Europe/Berlin', 'Australia/Sydney', 'America/New_York');
const reference = fc.option(fc.integer({ min: Date.UTC(2026, 2, 1), max: Date.UTC(2026, 11, 1) }), { nil: undefined });

describe('the fixed-width time readers', () => {
  it('read yyyy-MM-dd HH:mm:ss and its T form as the general path does', () => {
    fc.assert(
      fc.property(parts, zone, reference, fc.constantFrom(' ', 'T'), (p, timeZone, ref, separator) => {
        const wall = `${p.year}-${p.month}-${p.day}${separator}${p.hour}:${p.minute}:${p.second}`;
        expect(parseTime(wall, timeZone, ref)).toBe(parseTime(`${wall}.000`, timeZone, ref));
      }),
      { numRuns: 3000 },
    );
  });

  it('read MM/dd/yyyy HH:mm:ss and HH: mm: ss as the general path does', () => {
    fc.assert(
      fc.property(parts, zone, reference, fc.boolean(), (p, timeZone, ref, spaced) => {
        const clock = spaced ? `${p.hour}: ${p.minute}: ${p.second}` : `${p.hour}:${p.minute}:${p.second}`;
        const date = `${p.month}/${p.day}/${p.year}`;
        expect(parseTime(`${date} ${clock}`, timeZone, ref)).toBe(parseTime(`${date}  ${clock}`, timeZone, ref));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('the epoch string check', () => {
  it('agrees with the epoch pattern on any string, whitespace included', () => {
    const epochPattern = /^\s*\d+(?:\.\d+)?\s*$/;
    const epochLike = fc
      .array(fc.constantFrom('1', '7', '0', '.', ' ', '\t', '\u00a0', '\u2003', '-', '/', ':', 'T', 'Z'), {
        maxLength: 16,
      })
      .map((chars) => chars.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.string(), epochLike), (text) => {
        expect(isEpochTime(text)).toBe(epochPattern.test(text));
      }),
      { numRuns: 5000 },
    );
  });
});
