import { parseProducerOptions, type ProducerOptionsInput } from './producer-options.js';
import { TelemetryProducer } from './telemetry-producer.js';

/**
 * Creates a typed producer of GoodWe telemetry over a `KafkaConnection`: idempotent
 * (`enable.idempotence=true`), `acks=all`, lz4-compressed, keyed by serial number, record
 * timestamp = reading time. Readings are validated and written in GoodWe's `invert_full` wire
 * form, which `decodeTelemetry` reads back to the same values. Nothing connects until the first
 * send (or `connect()`).
 *
 * @throws ConfigError when an option is invalid.
 * @example
 * ```ts
 * import { createTelemetryProducer, connectionFromEnv } from 'goodwe-kafka';
 *
 * await using producer = createTelemetryProducer({ connection: connectionFromEnv() });
 * await producer.send({ serialNumber: '5010KETU000001', time: new Date(), acPower: 3120, energyToday: 11.4 });
 * ```
 */
export function createTelemetryProducer(options: ProducerOptionsInput): TelemetryProducer {
  return new TelemetryProducer(parseProducerOptions(options));
}
