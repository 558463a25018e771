import type { GoodweKafkaError } from '../errors/goodwe-kafka-error.js';
import type { ClientStatistics } from './client-statistics.js';
import type { KafkaMessage, Partition, PartitionOffset } from './kafka-message.js';

export type { KafkaMessage, Partition, PartitionOffset } from './kafka-message.js';

/**
 * How the consumer core should react to an error the client reported outside a call:
 * - `brokers-down`: no broker is reachable; the client retries by itself.
 * - `fatal`: retrying cannot fix it (credentials revoked, topic deleted or no longer readable).
 * - `transient`: worth a log line; the client recovers by itself.
 */
export type FaultKind = 'brokers-down' | 'fatal' | 'transient';

/** An error the group consumer reported, already typed and classified. */
export interface ConsumerFault {
  kind: FaultKind;
  error: GoodweKafkaError;
}

/** A partition's committed next-offset, or `undefined` when the group never committed one. */
export interface CommittedOffset extends Partition {
  offset: string | undefined;
  /** The metadata committed with the offset, if any. */
  metadata?: string | undefined;
}

/** What the group consumer reports to the consumer core. */
export interface GroupConsumerHooks {
  /** Partitions were added to this member and are being fetched. */
  onAssign(partitions: Partition[]): void;
  /**
   * Partitions are about to be taken away: the core stops handing out their records and returns
   * the offsets to commit before they are released. `lost` means another member already has
   * them, and nothing may be committed.
   */
  onRevoke(partitions: Partition[], lost: boolean): PartitionOffset[];
  /** The partitions were released, after the commit returned by `onRevoke` was sent. */
  onRevoked(partitions: Partition[], lost: boolean): void;
  /** The client reported an error outside any call. */
  onFault(fault: ConsumerFault): void;
}

/**
 * The narrow interface the consumer core talks to: a consumer-group member. The only
 * implementation over librdkafka is `KafkaGroupConsumer`; tests use a fake. Nothing here exposes
 * librdkafka's types or error codes.
 */
export interface GroupConsumer {
  /** Connects; rejects with a typed error (authentication, TLS, unreachable, timeout). */
  connect(timeoutMs: number, signal?: AbortSignal): Promise<void>;
  /** Partition count of a topic this account may read; rejects with a typed error otherwise. */
  checkTopic(topic: string, timeoutMs: number): Promise<number>;
  subscribe(topics: string[]): void;
  /**
   * Up to `max` messages of the assigned, unpaused partitions; resolves as soon as one is there
   * or after about `waitMs` with none. Serves the rebalance callbacks. Never rejects: errors go
   * to `onFault`.
   */
  fetch(max: number, waitMs: number): Promise<KafkaMessage[]>;
  /** Commits next-offsets; resolves once the broker has them, rejects with a typed error. */
  commit(positions: PartitionOffset[]): Promise<void>;
  committed(partitions: Partition[], timeoutMs: number): Promise<CommittedOffset[]>;
  /** Earliest and next offsets of a partition, asked of the broker. */
  watermarks(partition: Partition, timeoutMs: number): Promise<{ low: string; high: string }>;
  /** The next offset of a partition as last seen by the fetcher, without a request. */
  cachedHighWatermark(partition: Partition): number | undefined;
  /** Per partition, the first offset at or after the time; `undefined` when no record is that recent. */
  offsetsForTimes(partitions: Partition[], timeMs: number, timeoutMs: number): Promise<Map<number, string | undefined>>;
  /** Moves an assigned partition's fetch position. */
  seek(position: PartitionOffset, timeoutMs: number): Promise<void>;
  pause(partitions: Partition[]): void;
  resume(partitions: Partition[]): void;
  /** A metadata round trip: resolves when a broker answers. */
  probe(topic: string, timeoutMs: number): Promise<void>;
  isConnected(): boolean;
  /** librdkafka's latest statistics, when `statistics.interval.ms` is on and they came. */
  statistics(): ClientStatistics | undefined;
  /** Leaves the group and disconnects. Idempotent. */
  disconnect(): Promise<void>;
}
