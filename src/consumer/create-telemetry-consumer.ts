import type { z } from 'zod';
import type { GapOptions } from '../gaps/gap-options.js';
import type { InverterTelemetry } from '../telemetry/inverter-telemetry-schema.js';
import { parseConsumerOptions, type ConsumerOptionsInput } from './consumer-options.js';
import type { MessageDecoder } from '../records/message-decoder.js';
import { KafkaGroupConsumer } from '../kafka/kafka-group-consumer.js';
import { consumerClientConfig } from './consumer-client-config.js';
import { systemClock } from '../internal/clock.js';
import type { GroupConsumerFactory } from './consumer-core.js';
import { TelemetryConsumer } from './telemetry-consumer.js';
import type { InvalidTelemetryRecord, TelemetryRecord } from '../records/telemetry-record.js';
import { telemetryDecoder } from './telemetry-decoder.js';

/** What iteration yields for the given options: invalid records too only with `onInvalid: 'yield'`. */
export type YieldedRecord<T, O> = O extends {
  /** Invalid messages are yielded too. */
  onInvalid: 'yield';
}
  ? TelemetryRecord<T> | InvalidTelemetryRecord
  : TelemetryRecord<T>;

/** The reading type for the given options: the `schema` option's output, or `InverterTelemetry`. */
export type ReadingOf<O> = O extends {
  /** A schema of the caller's: readings are its output. */
  schema: infer S extends z.ZodType;
}
  ? z.output<S>
  : InverterTelemetry;

const librdkafkaGroupConsumer: GroupConsumerFactory = async (options, hooks) =>
  new KafkaGroupConsumer(await consumerClientConfig(options), hooks, options.logger);

/**
 * Creates a consumer of GoodWe telemetry: an async iterable of typed, validated records with
 * at-least-once delivery. Nothing connects until iteration starts; the first `next()` rejects
 * with a typed error (`AuthenticationError`, `AuthorizationError`, `UnknownTopicError`,
 * `ConnectionError`, `TlsError`) within `connectTimeoutMs` when something is wrong.
 *
 * @example
 * ```ts
 * import { createTelemetryConsumer, connectionFromEnv } from 'goodwe-kafka';
 *
 * await using consumer = createTelemetryConsumer({ connection: connectionFromEnv(), groupId: 'acme-ingest' });
 * for await (const record of consumer) {
 *   await db.upsert(record.value); // committed only after this body finishes
 * }
 * ```
 */
export function createTelemetryConsumer<const O extends ConsumerOptionsInput>(
  // O is inferred from the argument, so TypeScript's excess-property check never runs: the mapped
  // types make every key that is not an option (also inside `gaps`) a compile error. The interface
  // in front gives editors the options' documentation on hover.
  options: ConsumerOptionsInput &
    O & { [K in Exclude<keyof O, keyof ConsumerOptionsInput>]: never } & {
      gaps?: { [K in Exclude<keyof NonNullable<O['gaps']>, keyof GapOptions>]: never } | undefined;
    },
): TelemetryConsumer<ReadingOf<O>, YieldedRecord<ReadingOf<O>, O>> {
  const parsed = parseConsumerOptions(options);
  const decode: MessageDecoder<ReadingOf<O>> = telemetryDecoder(parsed);
  return new TelemetryConsumer(parsed, decode, { createClient: librdkafkaGroupConsumer, clock: systemClock });
}
