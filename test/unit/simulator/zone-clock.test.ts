import { describe, expect, it } from 'vitest';
import { ZoneClock } from '../../../src/simulator/zone-clock.js';

describe('zone clock', () => {
  it('reads UTC as is', () => {
    const local = new ZoneClock('UTC').local(Date.parse('2026-06-15T10:30:00Z'));
    expect(local.minuteOfDay).toBe(630);
    expect(new Date(local.wallMs).toISOString()).toBe('2026-06-15T10:30:00.000Z');
  });

  it('follows daylight saving time', () => {
    const clock = new ZoneClock('Europe/Amsterdam');
    expect(clock.offsetMs(Date.parse('2026-06-15T10:00:00Z'))).toBe(2 * 3_600_000);
    expect(clock.offsetMs(Date.parse('2026-01-15T10:00:00Z'))).toBe(3_600_000);
    // Summer time starts on 2026-03-29 at 01:00 UTC.
    expect(clock.offsetMs(Date.parse('2026-03-29T00:59:59Z'))).toBe(3_600_000);
    expect(clock.offsetMs(Date.parse('2026-03-29T01:00:00Z'))).toBe(2 * 3_600_000);
  });

  it('changes day at local midnight, not at UTC midnight', () => {
    const clock = new ZoneClock('Australia/Sydney'); // UTC+10 in June
    const before = clock.local(Date.parse('2026-06-15T13:59:00Z'));
    const after = clock.local(Date.parse('2026-06-15T14:00:00Z'));
    expect(after.day).toBe(before.day + 1);
    expect(after.minuteOfDay).toBe(0);
  });
});
