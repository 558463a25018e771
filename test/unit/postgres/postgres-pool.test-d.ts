import type pg from 'pg';
import { describe, expectTypeOf, it } from 'vitest';
import type { BatchSource, PostgresPool, SinkRecord } from '../../../src/postgres/index.js';
import type { TelemetryRecord } from '../../../src/records/telemetry-record.js';
import type { InverterTelemetry } from '../../../src/telemetry/inverter-telemetry-schema.js';

describe('PostgreSQL sink types', () => {
  it('accepts a pg.Pool and a pg.Client as its pool', () => {
    expectTypeOf<pg.Pool>().toExtend<PostgresPool>();
    expectTypeOf<pg.Client>().toExtend<PostgresPool>();
  });

  it('accepts batches of decoded records, also with a schema that extends the canonical one', () => {
    expectTypeOf<TelemetryRecord<InverterTelemetry>[]>().toExtend<readonly SinkRecord[]>();
    expectTypeOf<TelemetryRecord<InverterTelemetry & { capacity?: number | null }>[]>().toExtend<
      readonly SinkRecord[]
    >();
  });

  it('refuses records of a schema that lacks the canonical fields', () => {
    expectTypeOf<TelemetryRecord<{ sn: string }>[]>().not.toExtend<readonly SinkRecord[]>();
  });

  it('runs from anything with a batches() method like the consumer', () => {
    const source = {
      batches: (_: { maxRecords: number; maxWaitMs: number }): AsyncIterable<TelemetryRecord<InverterTelemetry>[]> => ({
        async *[Symbol.asyncIterator]() {},
      }),
    };
    expectTypeOf(source).toExtend<BatchSource>();
  });
});
