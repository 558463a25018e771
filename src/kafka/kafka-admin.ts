import type { ClientConfig } from './client-config.js';
import { toGoodweError } from './map-error.js';
import { native, type LibrdKafkaError, type NativeAdmin } from './native.js';

/** A topic to create. */
export interface NewTopicSpec {
  topic: string;
  partitions?: number;
  replicationFactor?: number;
  /** Topic configs such as `retention.ms`. */
  config?: Record<string, string>;
}

/** Topic administration: creating and deleting topics for tests, the demo and the simulator. */
export class KafkaAdmin implements AsyncDisposable {
  readonly #client: NativeAdmin;
  #closed = false;

  constructor(config: ClientConfig) {
    this.#client = native.AdminClient.create(config);
  }

  #call(operation: string, invoke: (cb: (err: LibrdKafkaError | null) => void) => void): Promise<void> {
    return new Promise((resolve, reject) =>
      invoke((error) => (error ? reject(toGoodweError(error, { operation })) : resolve())),
    );
  }

  /** Creates a topic and resolves once the broker has it. */
  createTopic(spec: NewTopicSpec, timeoutMs = 15_000): Promise<void> {
    return this.#call(`Creating topic ${spec.topic}`, (cb) =>
      this.#client.createTopic(
        {
          topic: spec.topic,
          num_partitions: spec.partitions ?? 1,
          replication_factor: spec.replicationFactor ?? 1,
          ...(spec.config ? { config: spec.config } : {}),
        },
        timeoutMs,
        cb,
      ),
    );
  }

  /** Deletes a topic. */
  deleteTopic(topic: string, timeoutMs = 15_000): Promise<void> {
    return this.#call(`Deleting topic ${topic}`, (cb) => this.#client.deleteTopic(topic, timeoutMs, cb));
  }

  /** Lists topic names. */
  listTopics(timeoutMs = 15_000): Promise<string[]> {
    return new Promise((resolve, reject) =>
      this.#client.listTopics({ timeout: timeoutMs }, (error, topics) =>
        error ? reject(toGoodweError(error, { operation: 'Listing topics' })) : resolve(topics),
      ),
    );
  }

  /** Committed offsets of a group, per partition (decimal strings; `-1` where nothing is committed). */
  groupOffsets(groupId: string, timeoutMs = 15_000): Promise<{ topic: string; partition: number; offset: string }[]> {
    return new Promise((resolve, reject) =>
      this.#client.listConsumerGroupOffsets([{ groupId }], { timeout: timeoutMs }, (error, results) => {
        if (error) {
          reject(toGoodweError(error, { operation: `Reading the offsets of group ${groupId}` }));
          return;
        }
        const partitions = results[0]?.partitions ?? [];
        resolve(partitions.map((p) => ({ topic: p.topic, partition: p.partition, offset: String(p.offset) })));
      }),
    );
  }

  /** Deletes records below the given offsets (as retention would). */
  deleteRecordsBefore(
    positions: { topic: string; partition: number; offset: string }[],
    timeoutMs = 15_000,
  ): Promise<void> {
    return new Promise((resolve, reject) =>
      this.#client.deleteRecords(
        positions.map((p) => ({ topic: p.topic, partition: p.partition, offset: Number(p.offset) })),
        { timeout: timeoutMs },
        (error) => (error ? reject(toGoodweError(error, { operation: 'Deleting records' })) : resolve()),
      ),
    );
  }

  /** Disconnects. Idempotent. */
  close(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      this.#client.disconnect();
    }
    return Promise.resolve();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
