import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { payloads } from '../../../bench/decode/payloads.js';
import { topicPayloads } from '../../../bench/decode/topic-payloads.js';
import { decodeTelemetry } from '../../../src/telemetry/decode-telemetry.js';
import { inverterTelemetrySchema } from '../../../src/telemetry/inverter-telemetry-schema.js';
import { normalizeByKey } from '../../../src/telemetry/normalize-telemetry.js';

// The decoder's fast path (a normaliser compiled per key order, no zod) against the reference
// path (the general normaliser, one alias lookup per key, then the zod schema): on the benchmark's
// payloads and on those payloads with one value replaced by anything GoodWe might send, the two
// must give the same records and the same errors.

type Options = { timeZone: string; referenceTime?: number };

/** What the reference path makes of one message object. */
function reference(raw: Record<string, unknown>, { timeZone, referenceTime }: Options) {
  const normalized = normalizeByKey(raw, { timeZone, keepUnknown: false }, referenceTime);
  if (!normalized.ok) return { ok: false, code: normalized.code, path: normalized.path, detail: normalized.detail };
  const checked = inverterTelemetrySchema.safeParse(normalized.value);
  expect(checked.success).toBe(true);
  return {
    ok: true,
    value: checked.data,
    keys: Object.keys(normalized.value), // zod lists keys in its shape's order: compare the normaliser's
    serialNumber: normalized.serialNumber,
    time: normalized.time,
  };
}

/** What decodeTelemetry returns, in the same terms. */
function fast(text: string, options: Options) {
  const result = decodeTelemetry(text, options);
  if (!result.ok) return { ok: false, code: result.error.code, path: result.error.path, detail: result.error.detail };
  const [record] = result.records;
  const value = record?.value;
  return { ok: true, value, keys: Object.keys(value ?? {}), serialNumber: record?.serialNumber, time: record?.time };
}

const samples = [...topicPayloads(1_000_000).slice(0, 600), ...payloads(90)].map((bytes) => bytes.toString('utf8'));
const options: Options[] = [
  { timeZone: 'UTC' },
  { timeZone: 'Europe/Berlin', referenceTime: Date.UTC(2026, 9, 25, 1, 30) },
  { timeZone: 'Australia/Sydney' },
];

// Anything a field might hold: clean values, GoodWe's quirks, and values of the wrong kind.
const wireValue = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(null, '', '--', ' 12.5 ', 6553.5, 655.35, -1, 1e9, '536%', '0W', '3.2kW', 'Wait Mode', true, {}, []),
  fc.constantFrom('2026-10-25 02:30:00', '10/25/2026 02: 30: 00', '10/25/2026 02:30:00', '2026-10-25T02:30:00'),
  fc.constantFrom(
    '02/30/2026 10:00:00',
    '2026-13-01 00:00:00',
    '13/25/2026 10:00:00',
    '1749890112',
    '2026-11-20T10:05:00Z',
  ),
  fc.string(),
);

describe('decoder fast path against the reference path', () => {
  it('gives the same records on the benchmark topic and the three payload families', () => {
    for (const option of options) {
      for (const text of samples) {
        expect(fast(text, option)).toStrictEqual(reference(JSON.parse(text) as Record<string, unknown>, option));
      }
    }
  });

  it('gives the same records and the same errors when any one value is replaced', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...samples),
        fc.nat(),
        wireValue,
        fc.constantFrom(...options),
        (text, pick, value, option) => {
          const raw = JSON.parse(text) as Record<string, unknown>;
          const keys = Object.keys(raw);
          raw[keys[pick % keys.length] as string] = value;
          const mutated = JSON.stringify(raw);
          // Several times, so that this key order is compiled if it was not yet.
          for (let round = 0; round < 5; round++) {
            expect(fast(mutated, option)).toStrictEqual(
              reference(JSON.parse(mutated) as Record<string, unknown>, option),
            );
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
