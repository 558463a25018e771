import type { ClientConfig } from './client-config.js';
import { forwardClientLogs, secretsOfConfig } from './client-logs.js';
import { connectClient } from './connect-client.js';
import type { Logger } from '../internal/logger.js';
import { toGoodweError } from './map-error.js';
import {
  native,
  type LibrdKafkaError,
  type MessageHeader,
  type NativeProducer,
  type TopicPartitionOffset,
} from './native.js';

/** One message to send. */
export interface OutgoingMessage {
  /** Topic to write to. */
  topic: string;
  /** Record value; `null` for a tombstone. */
  value: Buffer | null;
  /** Record key; records with one key keep their order on one partition. */
  key?: string | Buffer | null;
  /** Partition; by default chosen from the key. */
  partition?: number;
  /** Record time in ms since the epoch; by default now. */
  timestamp?: number;
  /** Record headers. */
  headers?: Record<string, string | Buffer>;
}

/** Where a message landed. */
export interface Delivery {
  /** Topic the record was written to. */
  topic: string;
  /** Partition the record was written to. */
  partition: number;
  /** Offset as a decimal string: offsets are 64-bit. */
  offset: string;
}

/** Options of {@link KafkaProducer.connect}. */
export interface ProducerConnectOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Receives librdkafka's log lines, secrets redacted, until the client is closed. */
  logger?: Logger;
}

/**
 * A thin promise-based wrapper of the native producer: `send` resolves when the broker has
 * acknowledged the message (its delivery report), or rejects with a typed error.
 */
export class KafkaProducer implements AsyncDisposable {
  readonly #client: NativeProducer;
  readonly #brokers: string;
  readonly #secrets: string[];
  #stopLogs: () => void = () => undefined;
  readonly #pending = new Map<number, { resolve: (d: Delivery) => void; reject: (e: Error) => void }>();
  #nextId = 0;
  #closed: Promise<void> | undefined;

  private constructor(config: ClientConfig) {
    this.#brokers = String(config['bootstrap.servers'] ?? '');
    this.#secrets = secretsOfConfig(config);
    this.#client = new native.Producer({ ...config, dr_cb: true });
    this.#client.on(
      'delivery-report',
      (error: LibrdKafkaError | null, report: TopicPartitionOffset & { opaque?: unknown }) => {
        const id = report.opaque as number;
        const waiter = this.#pending.get(id);
        if (!waiter) return;
        this.#pending.delete(id);
        if (error) waiter.reject(toGoodweError(error, { operation: `Delivering a message to ${report.topic}` }));
        else waiter.resolve({ topic: report.topic, partition: report.partition, offset: String(report.offset) });
      },
    );
  }

  /** Creates a producer and connects it. */
  static async connect(config: ClientConfig, options: ProducerConnectOptions = {}): Promise<KafkaProducer> {
    const producer = new KafkaProducer(config);
    if (options.logger) producer.#stopLogs = forwardClientLogs(producer.#client, options.logger, producer.#secrets);
    await connectClient(producer.#client, {
      brokers: producer.#brokers,
      role: 'Producer',
      timeoutMs: options.timeoutMs ?? 15_000,
      signal: options.signal,
      secrets: producer.#secrets,
    }).catch((error: unknown) => {
      producer.#stopLogs();
      throw error;
    });
    producer.#client.setPollInterval(5);
    return producer;
  }

  /** Queues a message and resolves once the broker has it. */
  send(message: OutgoingMessage): Promise<Delivery> {
    const id = this.#nextId++;
    const headers: MessageHeader[] | undefined = message.headers
      ? Object.entries(message.headers).map(([k, v]) => ({ [k]: v }))
      : undefined;
    return new Promise<Delivery>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      try {
        this.#client.produce(
          message.topic,
          message.partition ?? null,
          message.value,
          message.key ?? null,
          message.timestamp ?? null,
          id,
          headers,
        );
      } catch (error) {
        this.#pending.delete(id);
        reject(toGoodweError(error, { operation: `Sending a message to ${message.topic}` }));
      }
    });
  }

  /** Waits until every queued message is delivered or `timeoutMs` passes. */
  flush(timeoutMs = 30_000): Promise<void> {
    return new Promise((resolve, reject) =>
      this.#client.flush(timeoutMs, (error) =>
        error ? reject(toGoodweError(error, { operation: 'Flushing the producer' })) : resolve(),
      ),
    );
  }

  /** Flushes and disconnects. Idempotent. */
  close(): Promise<void> {
    this.#closed ??= this.flush()
      .catch(() => undefined)
      .then(() => new Promise<void>((resolve) => this.#client.disconnect(() => resolve())))
      .finally(() => this.#stopLogs());
    return this.#closed;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
