import { describe, expect, it } from 'vitest';
import { startOfWindowEndingNow } from '../../../src/cli/simulation-flags.js';
import { simulateFleet } from '../../../src/simulator/simulate-fleet.js';

const now = Date.parse('2026-11-30T02:30:00Z');

describe('the default start of simulate (it was a fixed date months ago, deleted at once by retention)', () => {
  it('ends a --duration window now, one day long by default', () => {
    expect(startOfWindowEndingNow({}, now)).toBe(now - 86_400_000);
    expect(startOfWindowEndingNow({ durationMs: 6 * 3_600_000 }, now)).toBe(now - 6 * 3_600_000);
  });

  it.each([
    ['at night', '2026-11-30T02:30:00Z'],
    ['at noon', '2026-11-30T12:00:00Z'],
    ['after sunset', '2026-11-30T21:00:00Z'],
  ])('puts every reading of a --readings window in the past when now is %s', (_when, iso) => {
    const at = Date.parse(iso);
    for (const readingsPerInverter of [1, 8, 200]) {
      const options = { inverters: 3, intervalMs: 300_000, readingsPerInverter };
      const start = startOfWindowEndingNow(options, at);
      const report = simulateFleet({ ...options, start }).summarize();
      expect(report.readings).toBe(3 * readingsPerInverter);
      expect(report.lastReadingMs).toBeLessThanOrEqual(at);
      expect(report.firstReadingMs).toBeGreaterThan(at - 7 * 86_400_000);
    }
  });
});
