import { channel } from 'node:diagnostics_channel';
import type { Partition, PartitionOffset } from '../kafka/kafka-message.js';

/** Published on {@link consumerEventChannels}.commitFailed when an offset commit fails (it is tried again). */
export interface CommitFailedEvent {
  /** The consumer group. */
  groupId: string;
  /** The positions that were not committed. */
  positions: readonly PartitionOffset[];
  /** Why, with a `GWK_` code. */
  error: Error;
}

/** Published when fetching has been paused for backpressure longer than `stallTimeoutMs`. */
export interface PausedLongEvent {
  /** The consumer group. */
  groupId: string;
  /** The partitions that are paused. */
  partitions: readonly Partition[];
  /** How long they have been paused, ms. */
  pausedForMs: number;
}

/** Published when records were deleted by retention before this group read them. */
export interface DataLossEvent {
  /** The consumer group. */
  groupId: string;
  /** The `DataLossError`, with `topic`, `partition`, `from` and `to`. */
  error: Error;
}

/** Published when partitions are assigned to or taken from this member. */
export interface RebalanceEvent {
  /** The consumer group. */
  groupId: string;
  /** What happened: partitions came (`assign`), were taken (`revoke`), or were lost to another member (`lost`). */
  kind: 'assign' | 'revoke' | 'lost';
  /** The partitions concerned. */
  partitions: readonly Partition[];
}

/**
 * The `node:diagnostics_channel` names the consumer publishes what operators alert on to.
 * Subscribing costs nothing when nobody listens, and needs no option:
 *
 * @example
 * ```ts
 * import { subscribe } from 'node:diagnostics_channel';
 * import { consumerEventChannels, type CommitFailedEvent } from 'goodwe-kafka';
 *
 * subscribe(consumerEventChannels.commitFailed, (message) => {
 *   const { groupId, error } = message as CommitFailedEvent;
 *   alerts.warn(`commit failed for ${groupId}: ${error.message}`);
 * });
 * ```
 */
export const consumerEventChannels = {
  /** {@link CommitFailedEvent} */
  commitFailed: 'goodwe-kafka:commit-failed',
  /** {@link PausedLongEvent} */
  pausedLong: 'goodwe-kafka:paused-long',
  /** {@link DataLossEvent} */
  dataLoss: 'goodwe-kafka:data-loss',
  /** {@link RebalanceEvent} */
  rebalance: 'goodwe-kafka:rebalance',
} as const;

const channels = {
  commitFailed: channel(consumerEventChannels.commitFailed),
  pausedLong: channel(consumerEventChannels.pausedLong),
  dataLoss: channel(consumerEventChannels.dataLoss),
  rebalance: channel(consumerEventChannels.rebalance),
};

/** Publishes an event if anyone listens; a subscriber that throws never reaches the consumer. */
export function publishConsumerEvent<K extends keyof typeof channels>(
  name: K,
  message: K extends 'commitFailed'
    ? CommitFailedEvent
    : K extends 'pausedLong'
      ? PausedLongEvent
      : K extends 'dataLoss'
        ? DataLossEvent
        : RebalanceEvent,
): void {
  const target = channels[name];
  if (!target.hasSubscribers) return;
  try {
    target.publish(message);
  } catch {
    // diagnostics_channel reports subscriber errors on process 'uncaughtException' asynchronously;
    // nothing to do here.
  }
}
