import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { goodweConnection } from '../../../src/auth/goodwe-connection.js';
import { createTelemetryConsumer } from '../../../src/consumer/create-telemetry-consumer.js';
import type { InvalidTelemetryRecord, TelemetryRecord } from '../../../src/records/telemetry-record.js';
import { inverterTelemetrySchema, type InverterTelemetry } from '../../../src/telemetry/inverter-telemetry-schema.js';

const connection = goodweConnection({ bootstrapServers: 'kafka:9093', topic: 'ACME01', tls: false });

describe('batches() types', () => {
  it('hands out arrays of the same records as the record loop', () => {
    const consumer = createTelemetryConsumer({ connection, groupId: 'g' });
    expectTypeOf(consumer.batches({ maxRecords: 10, maxWaitMs: 100 })).toEqualTypeOf<
      AsyncIterable<TelemetryRecord<InverterTelemetry>[]>
    >();
  });

  it('carries an extended schema and invalid records with onInvalid: yield', () => {
    const schema = inverterTelemetrySchema.extend({ siteName: z.string().optional() });
    const _consumer = createTelemetryConsumer({ connection, groupId: 'g', schema, onInvalid: 'yield' });
    type Batch = typeof _consumer extends { batches(o: never): AsyncIterable<infer B> } ? B : never;
    expectTypeOf<Batch>().toEqualTypeOf<(TelemetryRecord<z.output<typeof schema>> | InvalidTelemetryRecord)[]>();
  });

  it('requires maxRecords and maxWaitMs', () => {
    const consumer = createTelemetryConsumer({ connection, groupId: 'g' });
    // @ts-expect-error maxWaitMs is required
    consumer.batches({ maxRecords: 10 });
  });
});
