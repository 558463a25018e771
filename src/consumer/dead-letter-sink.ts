import type { Logger } from '../internal/logger.js';
import { toClientConfig } from '../kafka/connection-config.js';
import { KafkaProducer } from '../kafka/kafka-producer.js';
import type { ConsumerOptions } from './consumer-options.js';
import type { InvalidTelemetryRecord } from '../records/telemetry-record.js';

/**
 * Writes undecodable messages to the dead-letter topic: the original bytes, key and headers, plus
 * headers saying why and where from (`goodwe-kafka-error-code`, `-error-message`, `-source-topic`,
 * `-source-partition`, `-source-offset`, `-source-timestamp`).
 */
export class DeadLetterSink {
  #producer: Promise<KafkaProducer> | undefined;

  constructor(
    private readonly options: ConsumerOptions,
    private readonly log: Logger,
  ) {}

  async send(record: InvalidTelemetryRecord): Promise<void> {
    this.#producer ??= toClientConfig(this.options.connection).then((config) =>
      KafkaProducer.connect(
        { ...config, 'enable.idempotence': true, acks: 'all' },
        { timeoutMs: this.options.connectTimeoutMs, logger: this.log },
      ),
    );
    const producer = await this.#producer;
    await producer.send({
      topic: this.options.deadLetterTopic!,
      value: record.bytes,
      key: record.key,
      timestamp: record.timestamp.getTime(),
      headers: {
        ...record.headers,
        'goodwe-kafka-error-code': record.error.code,
        'goodwe-kafka-error-message': record.error.message,
        'goodwe-kafka-source-topic': record.topic,
        'goodwe-kafka-source-partition': String(record.partition),
        'goodwe-kafka-source-offset': record.offset,
        'goodwe-kafka-source-timestamp': record.timestamp.toISOString(),
      },
    });
    this.log.debug({ topic: this.options.deadLetterTopic }, 'Dead-lettered a message');
  }

  async close(): Promise<void> {
    const producer = await this.#producer?.catch(() => undefined);
    await producer?.close();
  }
}
