import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/errors/error-codes.js';
import { TelemetryDecodeError } from '../../../src/errors/telemetry-decode-error.js';
import { wireVariants } from '../../../src/telemetry/alias-table.js';
import { decodeTelemetry } from '../../../src/telemetry/decode-telemetry.js';
import { inverterTelemetrySchema, type InverterTelemetry } from '../../../src/telemetry/inverter-telemetry-schema.js';
import { telemetryFields, type TelemetryFieldSpec } from '../../../src/telemetry/telemetry-fields.js';

const allCodes = new Set<string>(Object.values(ErrorCode));
const fields = Object.entries(telemetryFields) as [keyof typeof telemetryFields, TelemetryFieldSpec][];
const wireNames = fields.flatMap(([key, spec]) => [key, ...spec.aliases].flatMap(wireVariants));

function expectReported(result: ReturnType<typeof decodeTelemetry>): void {
  if (result.ok) return;
  expect(result.error).toBeInstanceOf(TelemetryDecodeError);
  expect(allCodes.has(result.error.code)).toBe(true);
}

// Wire-like values: what GoodWe sends, and what it might send by mistake.
const wireValue = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(null, '', '--', 6553.5, 655.35, '536%', '0W', '3.2kW', 'Wait Mode', true, '11/20/2026 10: 05: 00'),
  fc.string(),
  fc.jsonValue(),
);
const wireObject = fc.dictionary(fc.oneof(fc.constantFrom(...wireNames), fc.string()), wireValue, { maxKeys: 30 });

describe('decodeTelemetry properties', () => {
  it('never throws on arbitrary bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => expectReported(decodeTelemetry(bytes))));
  });

  it('never throws on arbitrary JSON', () => {
    fc.assert(fc.property(fc.json(), (text) => expectReported(decodeTelemetry(Buffer.from(text)))));
  });

  it('never throws on objects made of wire names and wire-like values, alone or in arrays', () => {
    fc.assert(
      fc.property(
        fc.oneof(wireObject, fc.array(wireObject, { maxLength: 4 })),
        fc.constantFrom('UTC', 'Europe/Berlin'),
        (message, timeZone) => {
          expectReported(decodeTelemetry(JSON.stringify(message), { timeZone }));
        },
      ),
    );
  });

  it('returns on the fast path exactly what parsing with inverterTelemetrySchema returns', () => {
    const slowSchema = inverterTelemetrySchema.extend({});
    fc.assert(
      fc.property(wireObject, fc.string({ minLength: 1 }), (object, sn) => {
        const message = JSON.stringify({ ...object, sn });
        const fast = decodeTelemetry(message);
        const slow = decodeTelemetry(message, { schema: slowSchema });
        expect(slow.ok).toBe(fast.ok);
        if (!fast.ok || !slow.ok) return;
        const value = fast.records[0]?.value;
        expect(inverterTelemetrySchema.parse(value)).toStrictEqual(value);
        expect(slow.records[0]?.value).toStrictEqual(value);
      }),
    );
  });
});

// A valid canonical record, with values inside each field's plausible range.
function valueFor(spec: TelemetryFieldSpec): fc.Arbitrary<unknown> {
  switch (spec.kind) {
    case 'reading': {
      const reading = fc
        .double({ min: Math.max(spec.min ?? -1e6, -1e6), max: Math.min(spec.max ?? 1e6, 1e6), noNaN: true })
        .map((value) => (Object.is(value, -0) || value === 6553.5 || value === 655.35 ? 0 : value));
      return fc.option(reading, { nil: null });
    }
    case 'code':
      return fc.option(fc.integer({ min: -1, max: 255 }), { nil: null });
    case 'text':
      return fc.option(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 .-]{0,20}[A-Za-z0-9]$/), { nil: null });
    case 'alarm':
      return fc.option(fc.oneof(fc.nat(), fc.constantFrom('Utility Loss', 'Fac Failure')), { nil: null });
    case 'serial':
      return fc.stringMatching(/^[0-9A-Z]{16}$/);
    case 'time':
      return fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }).map((ms) => new Date(ms));
  }
}

const canonicalRecord = fc.record(
  Object.fromEntries([...fields.map(([key, spec]) => [key, valueFor(spec)]), ['quality', fc.constant([])]]),
  { requiredKeys: ['serialNumber', 'quality'] },
) as fc.Arbitrary<InverterTelemetry>;

/** Writes a canonical record the way GoodWe might: a spelling and a value form picked by `seed`. */
function toWire(record: InverterTelemetry, seed: number): Record<string, unknown> {
  const wire: Record<string, unknown> = {};
  fields.forEach(([key, spec], index) => {
    const value = record[key];
    if (value === undefined) return;
    const names = [key, ...spec.aliases].flatMap(wireVariants);
    const name = names[(seed + index) % names.length] as string;
    const form = (seed >> (index % 16)) & 3;
    if (value instanceof Date) {
      const ms = value.getTime();
      wire[name] = [ms, String(ms), value.toISOString(), ms % 1000 === 0 ? ms / 1000 : ms][form];
    } else if (typeof value === 'number' && spec.kind === 'reading') {
      wire[name] = form === 0 ? String(value) : form === 1 && spec.unit !== '' ? `${value}${spec.unit}` : value;
    } else {
      wire[name] = value;
    }
  });
  return wire;
}

describe('decodeTelemetry round trip', () => {
  it('gives back a valid canonical record written in any naming family and value form', () => {
    fc.assert(
      fc.property(canonicalRecord, fc.nat(), (record, seed) => {
        const result = decodeTelemetry(Buffer.from(JSON.stringify(toWire(record, seed))));
        if (!result.ok) throw result.error;
        expect(result.records[0]?.value).toStrictEqual({ ...record }); // fast-check records have no prototype
      }),
      { numRuns: 300 },
    );
  });
});
