import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decodeTelemetry } from '../../../src/telemetry/decode-telemetry.js';
import { inverterTelemetrySchema } from '../../../src/telemetry/inverter-telemetry-schema.js';
import { telemetryReadingSchema } from '../../../src/telemetry/telemetry-reading-schema.js';
import { hybridMidday, offlineEvening, stringInverterMorning } from './fixtures/goodwe-samples.js';

describe('decodeTelemetry with a schema', () => {
  it('returns what inverterTelemetrySchema itself returns for the normalised object', () => {
    for (const message of [stringInverterMorning, hybridMidday, offlineEvening]) {
      const fast = decodeTelemetry(message);
      const viaZod = decodeTelemetry(message, { schema: inverterTelemetrySchema.extend({}) });
      if (!fast.ok || !viaZod.ok) throw new Error('sample did not decode');
      const value = fast.records[0]?.value;
      expect(inverterTelemetrySchema.parse(value)).toStrictEqual(value);
      expect(viaZod.records[0]?.value).toStrictEqual(value);
    }
  });

  it('lets an extended schema pick up wire fields that are not canonical', () => {
    const schema = inverterTelemetrySchema.extend({
      capacity: telemetryReadingSchema,
      emonth: telemetryReadingSchema,
      hasmeter: z.boolean().optional(),
    });
    const result = decodeTelemetry(hybridMidday, { schema });
    if (!result.ok) throw result.error;
    expect(result.records[0]?.value).toMatchObject({ capacity: 10, hasmeter: true, acPower: 6380 });
    expect(result.records[0]?.value).not.toHaveProperty('emonth');
  });

  it('cleans extra readings with telemetryReadingSchema as it cleans canonical ones', () => {
    const schema = inverterTelemetrySchema.extend({ a: telemetryReadingSchema, b: telemetryReadingSchema });
    const clean = (a: unknown): unknown => schema.safeParse({ serialNumber: 'A', quality: [], a }).data?.a;
    expect([clean('5.0'), clean(''), clean('--'), clean(null), clean(6553.5), clean(3)]).toStrictEqual([
      5,
      null,
      null,
      null,
      null,
      3,
    ]);
    expect(schema.safeParse({ serialNumber: 'A', quality: [], a: 'five' }).success).toBe(false);
  });

  it('accepts a schema of its own that replaces the canonical one', () => {
    const schema = z.object({ serialNumber: z.string(), acPower: z.number().nullable() });
    const result = decodeTelemetry('{"SN":"A","Pac":"1.5kW","last_time":1749890112000}', { schema });
    if (!result.ok) throw result.error;
    expect(result.records[0]).toMatchObject({ value: { serialNumber: 'A', acPower: 1500 }, serialNumber: 'A' });
    expect(result.records[0]?.time?.getTime()).toBe(1749890112000);
  });

  it('reports a schema rejection as GWK_DECODE_INVALID with the canonical path', () => {
    const schema = inverterTelemetrySchema.extend({ capacity: z.number() });
    const result = decodeTelemetry('[{"sn":"A","capacity":5},{"sn":"B"}]', { schema });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('GWK_DECODE_INVALID');
    expect(result.error.path).toBe('[1].capacity');
    expect(result.error.cause).toBeInstanceOf(z.ZodError);
  });

  it('reports a schema that throws instead of throwing itself', () => {
    const schema = inverterTelemetrySchema.transform(() => {
      throw new Error('boom');
    });
    const result = decodeTelemetry('{"sn":"A"}', { schema });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('GWK_DECODE_INVALID');
    expect(result.error.message).toContain('boom');
  });

  it('passes a "__proto__" wire key to the schema as a plain field', () => {
    const schema = z.looseObject({ serialNumber: z.string() });
    const result = decodeTelemetry('{"sn":"A","__proto__":{"polluted":true}}', { schema });
    if (!result.ok) throw result.error;
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf(result.records[0]?.value)).toBe(Object.prototype);
  });
});
