import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNumber } from '../../../src/simulator/format-number.js';

describe('number formatting', () => {
  it('writes exactly what String() writes, for any finite number', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        expect(formatNumber(value)).toBe(String(value));
      }),
    );
  });

  it('writes exactly what String() writes for readings rounded to 1, 2 or 3 decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.constantFrom(10, 100, 1000), (n, scale) => {
        expect(formatNumber(n / scale)).toBe(String(n / scale));
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    [372.4, '372.4'],
    [-0.3, '-0.3'],
    [50.03, '50.03'],
    [0.999, '0.999'],
    [6553.5, '6553.5'],
    [655.35, '655.35'],
  ])('writes %d as %s', (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });
});
