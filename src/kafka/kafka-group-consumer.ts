import type { ClientConfig } from './client-config.js';
import { forwardClientLogs, secretsOfConfig } from './client-logs.js';
import { connectClient } from './connect-client.js';
import type { Logger } from '../internal/logger.js';
import { toGoodweError } from './map-error.js';
import {
  native,
  type LibrdKafkaError,
  type NativeAdmin,
  type NativeConsumer,
  type NativeMessage,
  type NativeMetadata,
} from './native.js';

/** A topic partition. */
export interface Partition {
  topic: string;
  partition: number;
}

/** A topic partition and an offset (decimal string). */
export interface PartitionOffset extends Partition {
  offset: string;
}

/** What the group consumer reports to its owner. */
export interface GroupConsumerHooks {
  /** Partitions were added to this member. */
  onAssign(partitions: Partition[]): void;
  /**
   * Partitions are being taken away. Called before they are released: the owner stops yielding
   * their records and returns the offsets to commit first. `lost` is true when the group already
   * gave them to another member, and nothing may be committed.
   */
  onRevoke(partitions: Partition[], lost: boolean): PartitionOffset[];
  /** librdkafka reported an error outside any call. */
  onError(error: LibrdKafkaError): void;
}

// Methods the binding has (lib/kafka-consumer.js) but its type declarations omit.
type Consumer = NativeConsumer & {
  rebalanceProtocol(): 'COOPERATIVE' | 'EAGER' | 'NONE';
  incrementalAssign(partitions: Partition[]): void;
  incrementalUnassign(partitions: Partition[]): void;
  assignmentLost(): boolean;
  setDefaultIsTimeoutOnlyForFirstMessage(value: boolean): void;
  commitCb(
    positions: { topic: string; partition: number; offset: number }[],
    cb: (error: LibrdKafkaError | null) => void,
  ): void;
};

const ASSIGN = -175;
const REVOKE = -174;

const toNative = (p: PartitionOffset): { topic: string; partition: number; offset: number } => ({
  topic: p.topic,
  partition: p.partition,
  offset: Number(p.offset),
});

/**
 * A consumer-group member over librdkafka's KafkaConsumer (the callback API rather than the
 * KafkaJS-compatible one): it gives batch `consume`, explicit offset commits, pause/resume,
 * seek and a synchronous rebalance callback, which the at-least-once guarantees are built on.
 */
export class KafkaGroupConsumer {
  readonly #client: Consumer;
  readonly #brokers: string;
  #disconnected: Promise<void> | undefined;
  #admin: NativeAdmin | undefined;
  #ready = false;
  readonly #secrets: string[];

  constructor(config: ClientConfig, hooks: GroupConsumerHooks, logger?: Logger) {
    this.#brokers = String(config['bootstrap.servers'] ?? '');
    const rebalance = (error: LibrdKafkaError, assignment: Partition[]): void => {
      const cooperative = this.#client.rebalanceProtocol() === 'COOPERATIVE';
      const partitions = assignment.map((p) => ({ topic: p.topic, partition: p.partition }));
      try {
        if (error.code === ASSIGN) {
          if (cooperative) this.#client.incrementalAssign(partitions);
          else this.#client.assign(partitions);
          hooks.onAssign(partitions);
        } else if (error.code === REVOKE) {
          const lost = this.#client.assignmentLost();
          const commits = hooks.onRevoke(partitions, lost);
          // Commit what the application finished before letting the partitions go, so the next
          // owner starts exactly after it.
          if (!lost && commits.length > 0) this.#commitDuringRebalance(commits);
          if (cooperative) this.#client.incrementalUnassign(partitions);
          else this.#client.unassign();
        }
      } catch (caught) {
        if (this.#client.isConnected()) hooks.onError(caught as LibrdKafkaError);
      }
    };
    // auto.offset.reset is a topic property: the binding's topic configuration object replaces
    // librdkafka's default one, so the setting must travel there or it is silently ignored.
    const { 'auto.offset.reset': reset, ...global } = config;
    this.#client = new native.KafkaConsumer(
      { ...global, rebalance_cb: rebalance },
      reset === undefined ? {} : { 'auto.offset.reset': String(reset) as 'earliest' | 'latest' },
    ) as Consumer;
    this.#client.on('event.error', (error) => hooks.onError(error));
    this.#secrets = secretsOfConfig(config);
    if (logger) forwardClientLogs(this.#client, logger, this.#secrets);
    // Return a batch as soon as one message is there instead of waiting to fill it.
    this.#client.setDefaultIsTimeoutOnlyForFirstMessage(true);
  }

  #commitDuringRebalance(commits: PartitionOffset[]): void {
    try {
      this.#client.commitSync(commits.map(toNative));
    } catch {
      // The partitions go to another member, which will re-read from the last commit: duplicates, never loss.
    }
  }

  /** Connects, resolving with the cluster metadata or rejecting with a typed error. */
  async connect(timeoutMs: number, signal?: AbortSignal): Promise<NativeMetadata> {
    const metadata = await connectClient(this.#client, {
      brokers: this.#brokers,
      role: 'Consumer',
      timeoutMs,
      signal,
      secrets: this.#secrets,
    });
    this.#ready = true;
    return metadata;
  }

  /** Metadata of one topic. */
  topicMetadata(topic: string, timeoutMs: number): Promise<NativeMetadata> {
    return new Promise((resolve, reject) =>
      this.#client.getMetadata({ topic, timeout: timeoutMs }, (error, metadata) =>
        error ? reject(toGoodweError(error, { operation: `Reading metadata of ${topic}` })) : resolve(metadata),
      ),
    );
  }

  /**
   * Describes a topic over this consumer's connection: its partition count, or the broker's error
   * (unknown topic, not authorised), which plain metadata requests do not tell apart.
   */
  describeTopic(topic: string, timeoutMs: number): Promise<{ partitions: number; error: LibrdKafkaError | undefined }> {
    this.#admin ??= native.AdminClient.createFrom(this.#client);
    return new Promise((resolve, reject) =>
      this.#admin!.describeTopics([topic], { timeout: timeoutMs }, (error, result) => {
        if (error) {
          reject(error);
          return;
        }
        const description = result[0];
        resolve({ partitions: description?.partitions.length ?? 0, error: description?.error });
      }),
    );
  }

  /** Earliest and latest offsets of a partition, asked of the broker. */
  queryWatermarks(topic: string, partition: number, timeoutMs: number): Promise<{ low: string; high: string }> {
    return new Promise((resolve, reject) =>
      this.#client.queryWatermarkOffsets(topic, partition, timeoutMs, (error, offsets) =>
        error
          ? reject(toGoodweError(error, { operation: `Reading the offsets of ${topic}[${partition}]` }))
          : resolve({ low: String(offsets.lowOffset), high: String(offsets.highOffset) }),
      ),
    );
  }

  subscribe(topics: string[]): void {
    this.#client.subscribe(topics);
  }

  /** Up to `max` messages; returns as soon as at least one is there, or after about `waitMs`. */
  fetch(max: number, waitMs: number): Promise<NativeMessage[]> {
    this.#client.setDefaultConsumeTimeout(waitMs);
    return new Promise((resolve, reject) =>
      this.#client.consume(max, (error, messages) => (error ? reject(error) : resolve(messages))),
    );
  }

  /** Commits the given next-offsets and resolves once the broker has them. */
  commit(positions: PartitionOffset[]): Promise<void> {
    if (positions.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) =>
      this.#client.commitCb(positions.map(toNative), (error: LibrdKafkaError | null) =>
        error ? reject(toGoodweError(error, { operation: 'Committing offsets' })) : resolve(),
      ),
    );
  }

  /** Committed offsets of the partitions. */
  committed(partitions: Partition[], timeoutMs: number): Promise<PartitionOffset[]> {
    return new Promise((resolve, reject) =>
      this.#client.committed(partitions, timeoutMs, (error, list) =>
        error
          ? reject(toGoodweError(error, { operation: 'Reading committed offsets' }))
          : resolve(list.map((p) => ({ topic: p.topic, partition: p.partition, offset: String(p.offset) }))),
      ),
    );
  }

  /**
   * Per partition, the first offset whose record timestamp is at or after `timeMs`, or
   * `undefined` when no record is that recent.
   */
  offsetsForTimes(
    partitions: Partition[],
    timeMs: number,
    timeoutMs: number,
  ): Promise<Map<number, string | undefined>> {
    // librdkafka takes the timestamp in the offset field.
    const query = partitions.map((p) => ({ topic: p.topic, partition: p.partition, offset: timeMs }));
    return new Promise((resolve, reject) =>
      this.#client.offsetsForTimes(query, timeoutMs, (error, offsets) =>
        error
          ? reject(toGoodweError(error, { operation: `Looking up offsets at ${new Date(timeMs).toISOString()}` }))
          : resolve(new Map(offsets.map((o) => [o.partition, o.offset >= 0 ? String(o.offset) : undefined]))),
      ),
    );
  }

  /** Moves an assigned partition's fetch position. */
  seek(position: PartitionOffset, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) =>
      this.#client.seek(toNative(position), timeoutMs, (error) =>
        error
          ? reject(toGoodweError(error, { operation: `Seeking ${position.topic}[${position.partition}]` }))
          : resolve(),
      ),
    );
  }

  /** Current assignment. */
  assignments(): Partition[] {
    return this.#client.assignments().map((p) => ({ topic: p.topic, partition: p.partition }));
  }

  pause(partitions: Partition[]): void {
    if (partitions.length > 0) this.#client.pause(partitions);
  }

  resume(partitions: Partition[]): void {
    if (partitions.length > 0) this.#client.resume(partitions);
  }

  /** Low and high watermarks (decimal strings) as last seen by the fetcher, without a request. */
  cachedWatermarks(topic: string, partition: number): { low: string; high: string } | undefined {
    try {
      const { lowOffset, highOffset } = this.#client.getWatermarkOffsets(topic, partition);
      return { low: String(lowOffset), high: String(highOffset) };
    } catch {
      return undefined;
    }
  }

  /** Position (next offset to fetch) per partition. */
  position(partitions: Partition[]): PartitionOffset[] {
    try {
      return this.#client
        .position(partitions)
        .map((p) => ({ topic: p.topic, partition: p.partition, offset: String(p.offset) }));
    } catch {
      // librdkafka refuses while the assignment changes (ERR__STATE): positions are unknown then.
      return [];
    }
  }

  isConnected(): boolean {
    return this.#client.isConnected();
  }

  /** Leaves the group and disconnects. Idempotent. */
  disconnect(): Promise<void> {
    this.#disconnected ??= new Promise<void>((resolve) => {
      this.#admin?.disconnect();
      if (!this.#client.isConnected()) {
        resolve();
        return;
      }
      this.#client.disconnect(() => resolve());
      // A connect that failed fast (bad credentials) leaves librdkafka's metadata request running
      // until its timeout, and disconnecting waits for it: let that finish in the background.
      if (!this.#ready) resolve();
    });
    return this.#disconnected;
  }
}
