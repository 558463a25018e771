import { describe, expectTypeOf, it } from 'vitest';
import { goodweConnection } from '../../../src/auth/goodwe-connection.js';
import type { ConsumerOptionsInput } from '../../../src/consumer/consumer-options.js';
import { createTelemetryConsumer } from '../../../src/consumer/create-telemetry-consumer.js';
import type { TelemetryConsumer } from '../../../src/consumer/telemetry-consumer.js';
import type { InvalidTelemetryRecord, TelemetryRecord } from '../../../src/records/telemetry-record.js';
import type { GapOptions } from '../../../src/gaps/gap-options.js';
import { createTelemetryProducer } from '../../../src/producer/create-telemetry-producer.js';
import type { ProducerOptionsInput } from '../../../src/producer/producer-options.js';
import type { InverterTelemetry } from '../../../src/telemetry/inverter-telemetry-schema.js';

const connection = goodweConnection({ bootstrapServers: 'localhost:9092', topic: 'ACME01', tls: false });

// Each call below is type-checked, never run (type tests are compiled only).
describe('options types', () => {
  it('rejects a misspelled consumer option at compile time', () => {
    // @ts-expect-error maxBufferedRecord is not an option (maxBufferedRecords is)
    createTelemetryConsumer({ connection, groupId: 'g', maxBufferedRecord: 5 });
    createTelemetryConsumer({ connection, groupId: 'g', maxBufferedRecords: 5 });
  });

  it('rejects a misspelled consumer option passed in a variable', () => {
    const options = { connection, groupId: 'g', comitIntervalMs: 1000 };
    // @ts-expect-error comitIntervalMs is not an option
    createTelemetryConsumer(options);
  });

  it('rejects a misspelled gaps option inside the consumer options', () => {
    // @ts-expect-error settleMS is not a gaps option (settleMs is)
    createTelemetryConsumer({ connection, groupId: 'g', gaps: { refill: true, settleMS: 5 } });
    createTelemetryConsumer({ connection, groupId: 'g', gaps: { refill: true, settleMs: 5 } });
  });

  it('accepts every option, also written out as undefined', () => {
    createTelemetryConsumer({ connection, groupId: 'g', topics: ['a', 'b'], schema: undefined, gaps: undefined });
    const options: ConsumerOptionsInput = { connection, groupId: 'g', gaps: { dedupeDepth: 4 } };
    createTelemetryConsumer(options);
  });

  it('rejects a misspelled producer option at compile time', () => {
    // @ts-expect-error lingerMS is not an option (lingerMs is)
    createTelemetryProducer({ connection, lingerMS: 5 });
    createTelemetryProducer({ connection, lingerMs: 5 });
  });

  it('still types records after the schema and onInvalid options', () => {
    const consumer = createTelemetryConsumer({ connection, groupId: 'g', onInvalid: 'yield' });
    type Record = TelemetryRecord<InverterTelemetry> | InvalidTelemetryRecord;
    expectTypeOf(consumer).toEqualTypeOf<TelemetryConsumer<InverterTelemetry, Record>>();
  });

  it('publishes the options as interfaces', () => {
    expectTypeOf<ConsumerOptionsInput['maxBufferedRecords']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<GapOptions['refill']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<ProducerOptionsInput['lingerMs']>().toEqualTypeOf<number | undefined>();
  });
});
