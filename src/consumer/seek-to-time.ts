import { ConfigError } from '../errors/config-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import type { GapRecovery } from '../gaps/gap-recovery.js';
import type { ClientConfig } from '../kafka/client-config.js';
import type { GroupConsumer } from '../kafka/group-consumer.js';
import type { Partition } from '../kafka/kafka-message.js';
import type { Logger } from '../internal/logger.js';
import type { DeliveryQueue } from './delivery-queue.js';
import type { FetchPump } from './fetch-pump.js';
import type { PartitionLedger } from './partition-ledger.js';
import { resolveSeek } from './resolve-seek.js';
import type { SeekResult } from './seek-result.js';

/** The parts of the consumer a seek touches. */
export interface SeekContext<T> {
  kafka: GroupConsumer;
  ledger: PartitionLedger;
  queue: DeliveryQueue<T>;
  pump: FetchPump<T>;
  gaps: GapRecovery<T> | undefined;
  gapTopic: string;
  clientConfig: () => Promise<ClientConfig>;
  logger: Logger;
  timeoutMs: number;
  /** Throws the error that failed the consumer, if any. */
  checkFailed: () => void;
}

/** The gap-tracked partitions assigned to this member (`wanted` of them), waiting for a first assignment. */
async function assignedPartitions<T>(
  context: SeekContext<T>,
  wanted: readonly number[] | undefined,
): Promise<Partition[]> {
  const { ledger, gapTopic: topic, timeoutMs } = context;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const owned = ledger.partitions().filter((p) => p.topic === topic);
    if (owned.length > 0) {
      if (!wanted) return owned;
      const missing = wanted.filter((n) => !owned.some((p) => p.partition === n));
      if (missing.length === 0) return owned.filter((p) => wanted.includes(p.partition));
      throw new ConfigError(
        `seekToTime: partitions ${missing.join(', ')} of ${topic} are not assigned to this member.`,
      );
    }
    context.checkFailed();
    if (Date.now() > deadline)
      throw new TimeoutError(`seekToTime: no partition of ${topic} was assigned within ${timeoutMs} ms.`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Moves the group's read position to a time. With the fetch gate closed (no fetch in flight), it
 * resolves the offsets, then per partition starts a new epoch (so anything fetched, rebuilt or
 * finished before is discarded: a seek supersedes a gap-state rebuild in progress), drops its
 * queued messages and its gap state, and seeks the client.
 */
export async function seekToTime<T>(
  context: SeekContext<T>,
  timeMs: number,
  wanted: readonly number[] | undefined,
): Promise<SeekResult[]> {
  const { kafka, ledger, queue, pump, gaps, logger, timeoutMs } = context;
  const partitions = await assignedPartitions(context, wanted);
  const openGate = await pump.closeGate();
  try {
    const results = await resolveSeek(kafka, context.clientConfig, partitions, timeMs, timeoutMs);
    for (const result of results) {
      if (!ledger.get(result.topic, result.partition)) continue; // revoked: the new owner reads from the commit
      // The client moves first: if the seek fails, nothing local changed and the partition goes on
      // where it was (the gate is closed, so nothing is fetched meanwhile).
      await kafka.seek({ topic: result.topic, partition: result.partition, offset: result.offset }, timeoutMs);
      const entry = ledger.get(result.topic, result.partition);
      if (!entry) continue;
      ledger.reposition(entry, result.offset);
      queue.dropPartition(result.topic, result.partition);
      gaps?.resetPartition(result.partition);
    }
    logger.info({ time: new Date(timeMs).toISOString(), results }, 'Seeked to time');
    return results;
  } finally {
    openGate();
  }
}
