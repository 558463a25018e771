import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import type { TelemetryDecodeError } from '../../../src/errors/telemetry-decode-error.js';
import { decodeTelemetry, type DecodedTelemetry } from '../../../src/telemetry/decode-telemetry.js';
import { inverterTelemetrySchema, type InverterTelemetry } from '../../../src/telemetry/inverter-telemetry-schema.js';
import { telemetryReadingSchema } from '../../../src/telemetry/telemetry-reading-schema.js';

declare const bytes: Uint8Array;

describe('decodeTelemetry types', () => {
  it('infers InverterTelemetry without a schema', () => {
    const result = decodeTelemetry(bytes);
    if (result.ok) {
      expectTypeOf(result.records).toEqualTypeOf<DecodedTelemetry<InverterTelemetry>[]>();
      expectTypeOf(result.records[0]?.raw).toEqualTypeOf<Record<string, unknown> | undefined>();
    } else {
      expectTypeOf(result.error).toEqualTypeOf<TelemetryDecodeError>();
    }
  });

  it('keeps the default record type when only other options are given', () => {
    const result = decodeTelemetry('{}', { timeZone: 'Europe/Amsterdam', maxBytes: 4096 });
    if (result.ok) expectTypeOf(result.records[0]?.value).toEqualTypeOf<InverterTelemetry | undefined>();
  });

  it('takes the Kafka record time as referenceTime, a Date or epoch milliseconds', () => {
    decodeTelemetry(bytes, { timeZone: 'Europe/Berlin', referenceTime: new Date() });
    decodeTelemetry(bytes, { timeZone: 'Europe/Berlin', referenceTime: Date.now() });
    // @ts-expect-error an ISO string is not accepted
    decodeTelemetry(bytes, { referenceTime: '2026-10-25T01:30:00Z' });
  });

  it('types the canonical fields with their units of meaning', () => {
    expectTypeOf<InverterTelemetry['serialNumber']>().toEqualTypeOf<string>();
    expectTypeOf<InverterTelemetry['time']>().toEqualTypeOf<Date | undefined>();
    expectTypeOf<InverterTelemetry['acPower']>().toEqualTypeOf<number | null | undefined>();
    expectTypeOf<InverterTelemetry['status']>().toEqualTypeOf<number | null | undefined>();
    expectTypeOf<InverterTelemetry['model']>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<InverterTelemetry['faultCode']>().toEqualTypeOf<number | string | null | undefined>();
    expectTypeOf<InverterTelemetry['quality']>().toEqualTypeOf<string[]>();
    expectTypeOf<InverterTelemetry>().toHaveProperty('string16Current');
    expectTypeOf<InverterTelemetry>().toHaveProperty('meterPhase3Power');
  });

  it('flows the type of an extended schema through to the records', () => {
    const schema = inverterTelemetrySchema.extend({ capacity: telemetryReadingSchema, hasmeter: z.boolean() });
    const result = decodeTelemetry(bytes, { schema });
    if (result.ok) {
      const value = result.records[0]!.value;
      expectTypeOf(value.capacity).toEqualTypeOf<number | null | undefined>();
      expectTypeOf(value.hasmeter).toEqualTypeOf<boolean>();
      expectTypeOf(value.acPower).toEqualTypeOf<number | null | undefined>();
      expectTypeOf(result.records[0]!.serialNumber).toEqualTypeOf<string>();
    }
  });

  it('flows the type of a replacing schema through to the records', () => {
    const result = decodeTelemetry(bytes, { schema: z.object({ serialNumber: z.string(), watts: z.number() }) });
    if (result.ok) expectTypeOf(result.records[0]!.value).toEqualTypeOf<{ serialNumber: string; watts: number }>();
  });

  it('accepts a Kafka message value, which may be null', () => {
    expectTypeOf(decodeTelemetry).toBeCallableWith(null);
    expectTypeOf(decodeTelemetry).toBeCallableWith('{"sn":"A"}');
    // @ts-expect-error a number is not a message
    decodeTelemetry(42);
  });
});
