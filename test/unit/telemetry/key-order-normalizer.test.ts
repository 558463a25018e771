import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wireVariants } from '../../../src/telemetry/alias-table.js';
import { COMPILE_AFTER, keyOrderNormalizer } from '../../../src/telemetry/key-order-normalizer.js';
import { normalizeByKey, type NormalizeOptions } from '../../../src/telemetry/normalize-telemetry.js';
import { telemetryFields } from '../../../src/telemetry/telemetry-fields.js';

const wireNames = Object.entries(telemetryFields).flatMap(([key, spec]) =>
  [key, ...spec.aliases].flatMap(wireVariants),
);

// Wire-like values, as in the decoder's properties: what GoodWe sends, and what it might send by mistake.
const wireValue = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.constantFrom(null, '', '--', 6553.5, 655.35, -1, 1e9, '536%', '0W', '3.2kW', 'Wait Mode', true),
  fc.constantFrom('2026-11-20T10:05:00.000Z', '2026-02-30T10:05:00Z', '11/20/2026 10: 05: 00', '1749890112', 0),
  fc.string(),
  fc.jsonValue(),
);
// Many keys from few names, so one object often holds several aliases of one field.
const wireObject = fc.dictionary(
  fc.oneof(fc.constantFrom(...wireNames.slice(0, 40)), fc.constantFrom(...wireNames), fc.string()),
  wireValue,
  { maxKeys: 30 },
);
const parsed = (object: Record<string, unknown>): Record<string, unknown> =>
  JSON.parse(JSON.stringify(object)) as Record<string, unknown>;

/** The compiled normaliser of this object's key order, seeing the order as often as the decoder would. */
function compiledFor(raw: Record<string, unknown>, keepUnknown: boolean) {
  for (let seen = 1; seen < COMPILE_AFTER; seen++) keyOrderNormalizer(raw, keepUnknown);
  return keyOrderNormalizer(raw, keepUnknown);
}

describe('key-order normaliser', () => {
  it('leaves the first objects of a key order to the general normaliser, then compiles the order', () => {
    const family = (sn: string) => parsed({ sn, pac: 10, first: true });
    for (let seen = 1; seen < COMPILE_AFTER; seen++)
      expect(keyOrderNormalizer(family(`GW${seen}`), false)).toBeUndefined();
    expect(keyOrderNormalizer(family('GW0'), false)).toBeTypeOf('function');
  });

  it('returns exactly what the general normaliser returns, key order and quality notes included', () => {
    fc.assert(
      fc.property(
        wireObject,
        fc.constantFrom('UTC', 'Europe/Berlin'),
        fc.boolean(),
        (object, timeZone, keepUnknown) => {
          const raw = parsed(object);
          const options: NormalizeOptions = { timeZone, keepUnknown };
          const compiled = compiledFor(raw, keepUnknown);
          if (compiled === undefined) return; // no keys
          const expected = normalizeByKey(raw, options);
          const actual = compiled(raw, timeZone);
          expect(actual).toStrictEqual(expected);
          if (actual.ok && expected.ok) expect(Object.keys(actual.value)).toStrictEqual(Object.keys(expected.value));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keeps the first alias that carries a value when a later one is null, and the reverse', () => {
    const raw = parsed({ sn: 'GW1', pac: null, out_pac: 120, output_power: null, Pac: 7 });
    const compiled = compiledFor(raw, false);
    expect(compiled?.(raw, 'UTC')).toStrictEqual(normalizeByKey(raw, { timeZone: 'UTC', keepUnknown: false }));
    expect(compiled?.(raw, 'UTC')).toMatchObject({ ok: true, value: { acPower: 120 } });
  });

  it('copies an unknown "__proto__" key as data, not as the prototype', () => {
    const raw = JSON.parse('{"sn":"GW1","__proto__":{"polluted":true},"pac":1}') as Record<string, unknown>;
    const result = compiledFor(raw, true)?.(raw, 'UTC');
    expect(result?.ok).toBe(true);
    if (!result?.ok) return;
    expect(Object.getPrototypeOf(result.value)).toBe(Object.prototype);
    expect(Object.keys(result.value)).toContain('__proto__');
  });

  it('still compiles a recurring key order after thousands of key orders seen once', () => {
    for (let index = 0; index < 5000; index++) keyOrderNormalizer(parsed({ sn: 'GW1', [`k${index}`]: 1 }), false);
    expect(compiledFor(parsed({ sn: 'GW1', Pac: 5, Vpv1: 300, late: 1 }), false)).toBeTypeOf('function');
  });

  it('still compiles a recurring key order after many key orders compiled once', () => {
    for (let index = 0; index < 300; index++) compiledFor(parsed({ sn: 'GW1', [`k${index}`]: 1 }), false);
    expect(compiledFor(parsed({ SN: 'GW1', Pac: 5, late: 1 }), false)).toBeTypeOf('function');
  });
});
