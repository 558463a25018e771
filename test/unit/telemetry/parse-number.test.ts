import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INVALID, parseNumber } from '../../../src/telemetry/parse-number.js';

describe('parseNumber on numeric strings', () => {
  const decimal = fc
    .tuple(
      fc.boolean(),
      fc.stringMatching(/^\d{1,20}$/),
      fc.option(fc.stringMatching(/^\d{1,12}$/), { nil: undefined }),
    )
    .map(
      ([negative, whole, fraction]) => `${negative ? '-' : ''}${whole}${fraction === undefined ? '' : `.${fraction}`}`,
    );

  it('reads a bare decimal of any length exactly as Number() does', () => {
    fc.assert(
      fc.property(decimal, (text) => {
        expect(Object.is(parseNumber(text), Number(text))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    ['a lone point', '.'],
    ['a lone minus', '-'],
    ['two points', '1.2.3'],
    ['a hexadecimal number', '0x1F'],
    ['Infinity', 'Infinity'],
  ])('rejects %s', (_, text) => {
    expect(parseNumber(text)).toBe(INVALID);
  });

  it.each([
    ['a leading point', '.5', 0.5],
    ['an exponent', '1e3', 1000],
    ['surrounding spaces', ' 42 ', 42],
    ['a trailing point', '12.', 12],
    ['negative zero', '-0', -0],
  ])('reads %s as the general path does', (_, text, expected) => {
    expect(Object.is(parseNumber(text), expected)).toBe(true);
  });
});
