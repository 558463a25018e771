import type { ClientConfig } from './client-config.js';
import { forwardClientLogs, secretsOfConfig } from './client-logs.js';
import { connectClient } from './connect-client.js';
import type { Logger } from '../internal/logger.js';
import { toGoodweError } from './map-error.js';
import type { KafkaMessage, Partition, PartitionOffset } from './kafka-message.js';
import { queryOffsetsForTimes, queryWatermarks, type Watermarks } from './offset-queries.js';
import { native, type NativeConsumer } from './native.js';

/** A partition and where to start reading it. */
export interface ReadPosition {
  topic: string;
  partition: number;
  /** Offset as a decimal string, or `'earliest'` / `'latest'`. */
  offset: string;
}

/** What one {@link KafkaReader.readBatch} got. */
export interface ReadBatch {
  messages: KafkaMessage[];
  /** Partitions whose end the reader reached, with the offset it reached (its next fetch offset). */
  ends: PartitionOffset[];
}

/** Options of {@link KafkaReader.connect}. */
export interface ReaderConnectOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Receives librdkafka's log lines, secrets redacted, until the client is closed. */
  logger?: Logger;
}

// librdkafka's logical offsets.
const logicalOffset: Record<string, number> = { earliest: -2, latest: -1 };

const toNative = (p: ReadPosition): { topic: string; partition: number; offset: number } => ({
  topic: p.topic,
  partition: p.partition,
  offset: logicalOffset[p.offset] ?? Number(p.offset),
});

/**
 * A side reader: a consumer with manually assigned partitions, no consumer group and no commits.
 * Used for refills, replays and tests; it never moves a group's committed offsets.
 */
export class KafkaReader implements AsyncDisposable {
  readonly #client: NativeConsumer;
  readonly #brokers: string;
  readonly #secrets: string[];
  #stopLogs: () => void = () => undefined;
  #closed: Promise<void> | undefined;
  #ends: PartitionOffset[] = [];

  private constructor(config: ClientConfig) {
    this.#brokers = String(config['bootstrap.servers'] ?? '');
    this.#secrets = secretsOfConfig(config);
    // A group id is required by the native consumer even though nothing is ever committed.
    this.#client = new native.KafkaConsumer(
      {
        'group.id': `goodwe-kafka-reader-${process.pid}`,
        'enable.auto.commit': false,
        'enable.auto.offset.store': false,
        'enable.partition.eof': true,
        ...config,
      },
      { 'auto.offset.reset': 'earliest' },
    );
    // Return a batch as soon as one message is there instead of waiting to fill it.
    (
      this.#client as unknown as { setDefaultIsTimeoutOnlyForFirstMessage(value: boolean): void }
    ).setDefaultIsTimeoutOnlyForFirstMessage(true);
    this.#client.on('partition.eof', (end: { topic: string; partition: number; offset: number }) =>
      this.#ends.push({ topic: end.topic, partition: end.partition, offset: String(end.offset) }),
    );
  }

  /** Creates a reader, connects it and assigns the partitions. */
  static async connect(
    config: ClientConfig,
    positions: readonly ReadPosition[],
    options: ReaderConnectOptions = {},
  ): Promise<KafkaReader> {
    const reader = new KafkaReader(config);
    if (options.logger) reader.#stopLogs = forwardClientLogs(reader.#client, options.logger, reader.#secrets);
    await connectClient(reader.#client, {
      brokers: reader.#brokers,
      role: 'Reader',
      timeoutMs: options.timeoutMs ?? 15_000,
      signal: options.signal,
      secrets: reader.#secrets,
    }).catch((error: unknown) => {
      reader.#stopLogs();
      throw error;
    });
    reader.#client.assign(positions.map(toNative));
    return reader;
  }

  /**
   * Reads up to `max` messages, waiting at most about `waitMs` for the first. End-of-partition
   * markers are not returned.
   */
  async read(max: number, waitMs = 1000): Promise<KafkaMessage[]> {
    return (await this.readBatch(max, waitMs)).messages;
  }

  /**
   * Like {@link read}, and also says which partitions the reader reached the end of during the
   * read, and at which offset: the offset it would fetch next, past any offsets that hold no
   * record (transaction markers, compacted records), which a message's offset cannot tell.
   */
  readBatch(max: number, waitMs = 1000): Promise<ReadBatch> {
    this.#client.setDefaultConsumeTimeout(waitMs);
    return new Promise((resolve, reject) =>
      this.#client.consume(max, (error, messages) => {
        // The binding emits the end-of-partition events synchronously just before this callback.
        const ends = this.#ends;
        this.#ends = [];
        if (error) reject(toGoodweError(error, { operation: 'Reading messages' }));
        else resolve({ messages, ends });
      }),
    );
  }

  /**
   * Replaces the assignment: from now on `read` returns messages of these partitions, from
   * these offsets.
   */
  assign(positions: readonly ReadPosition[]): void {
    this.#client.unassign();
    this.#client.assign(positions.map(toNative));
    // librdkafka keeps a partition's pause across assignments: one paused when an earlier read
    // was done with it would never be fetched again.
    if (positions.length > 0) this.#client.resume(positions.map((p) => ({ topic: p.topic, partition: p.partition })));
  }

  /** Stops fetching a partition (it was read far enough). */
  pause(topic: string, partition: number): void {
    this.#client.pause([{ topic, partition }]);
  }

  /** Partition numbers of a topic, asked of the broker. */
  partitionsOf(topic: string, timeoutMs = 15_000): Promise<number[]> {
    return new Promise((resolve, reject) =>
      this.#client.getMetadata({ topic, timeout: timeoutMs }, (error, metadata) => {
        if (error) {
          reject(toGoodweError(error, { operation: `Reading metadata of ${topic}` }));
          return;
        }
        const found = metadata.topics.find((t) => t.name === topic);
        resolve((found?.partitions ?? []).map((p) => p.id).sort((a, b) => a - b));
      }),
    );
  }

  /** Earliest and next offsets of a partition (decimal strings), asked of the broker. */
  queryWatermarks(topic: string, partition: number, timeoutMs = 15_000): Promise<Watermarks> {
    return queryWatermarks(this.#client, { topic, partition }, timeoutMs);
  }

  /**
   * Per partition, the first offset whose record timestamp is at or after `timeMs`, or
   * `undefined` when no record is that recent (see {@link queryOffsetsForTimes}).
   */
  offsetsForTimes(
    partitions: readonly Partition[],
    timeMs: number,
    timeoutMs = 15_000,
  ): Promise<Map<number, string | undefined>> {
    return queryOffsetsForTimes(this.#client, partitions, timeMs, timeoutMs);
  }

  /** Disconnects. Idempotent. */
  close(): Promise<void> {
    this.#closed ??= new Promise<void>((resolve) => this.#client.disconnect(() => resolve())).finally(() =>
      this.#stopLogs(),
    );
    return this.#closed;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
