import type { DataLossError } from '../errors/data-loss-error.js';
import type { GapRecovery } from '../gaps/gap-recovery.js';
import type { GroupConsumer } from '../kafka/group-consumer.js';
import type { Partition, PartitionOffset } from '../kafka/kafka-message.js';
import type { Logger } from '../internal/logger.js';
import type { PartitionsEvent } from './consumer-options.js';
import type { DeliveryQueue } from './delivery-queue.js';
import type { FetchPump } from './fetch-pump.js';
import type { LiveFirstCatchUp } from './live-first-catch-up.js';
import type { OffsetCommitter } from './offset-committer.js';
import type { PartitionEntry, PartitionLedger } from './partition-ledger.js';
import type { RetentionLoss } from './retention-loss.js';
import type { UserCallbacks } from './user-callbacks.js';

/** The parts of the consumer a rebalance touches. */
export interface RebalanceContext<T> {
  kafka: GroupConsumer;
  ledger: PartitionLedger;
  queue: DeliveryQueue<T>;
  pump: FetchPump<T>;
  committer: OffsetCommitter;
  retention: RetentionLoss;
  callbacks: UserCallbacks;
  logger: Logger;
  /** The topic whose partitions are gap-tracked. */
  gapTopic: string;
  gaps: () => GapRecovery<T> | undefined;
  /** Jumps far-behind partitions to their end and backfills what they skipped. */
  catchUp: LiveFirstCatchUp<T> | undefined;
  timeoutMs: number;
  onAssign: ((event: PartitionsEvent) => void) | undefined;
  onRevoke: ((event: PartitionsEvent) => void) | undefined;
}

/**
 * What happens when partitions come and go. Assignment starts each partition from a clean
 * ledger entry, follows the consumer's pause state, and rebuilds gap state (its records wait for
 * that) and checks retention under the entry's epoch. Revocation drops the partition's queued
 * records, returns its finished watermark to commit, and forgets its gap state.
 */
export class RebalanceHandler<T> {
  constructor(private readonly context: RebalanceContext<T>) {}

  assigned(partitions: Partition[]): void {
    const { ledger, pump, logger, callbacks } = this.context;
    const entries = ledger.assign(partitions);
    pump.onAssigned(partitions);
    this.#settle(entries);
    logger.info({ partitions }, 'Partitions assigned');
    callbacks.call('onAssign', this.context.onAssign, { partitions });
  }

  revoking(partitions: Partition[], lost: boolean): PartitionOffset[] {
    const { ledger, queue, committer, gapTopic, logger } = this.context;
    const removed = ledger.revoke(partitions);
    for (const p of partitions) queue.dropPartition(p.topic, p.partition);
    const commits = lost ? [] : committer.forRevoke(removed);
    const gaps = this.context.gaps();
    for (const p of partitions) if (p.topic === gapTopic) void gaps?.dropPartition(p.partition);
    logger.info({ partitions, lost, commits }, 'Partitions revoked');
    return commits;
  }

  revoked(partitions: Partition[]): void {
    this.context.callbacks.call('onRevoke', this.context.onRevoke, { partitions });
  }

  /** Reads the committed offsets once, then rebuilds gap state and checks retention per partition. */
  #settle(entries: PartitionEntry[]): void {
    const { kafka, retention, logger, timeoutMs, gapTopic } = this.context;
    const epochs = new Map(entries.map((e) => [e.key, e.epoch]));
    let readFailed = false;
    const committed = kafka.committed(entries, timeoutMs).catch((error: unknown) => {
      logger.warn({}, `Reading committed offsets failed: ${String(error)}`);
      readFailed = true;
      return [];
    });
    const checked = committed.then((list) => {
      for (const c of list) {
        const entry = this.context.ledger.get(c.topic, c.partition);
        if (entry && entry.epoch === epochs.get(entry.key) && entry.committed === undefined) entry.committed = c.offset;
      }
      return retention.atAssignment(list, epochs);
    });
    const gaps = this.context.gaps();
    const { catchUp, ledger } = this.context;
    for (const entry of entries) {
      if (entry.topic !== gapTopic) continue;
      const epoch = entry.epoch;
      entry.metadataPending = true;
      // Retention is checked first: a jump starts a new epoch, which would cut that check short.
      const ready: Promise<void> = Promise.all([committed, checked])
        .then(async ([list]) => {
          let found = list.find((c) => c.partition === entry.partition && c.topic === entry.topic);
          // Its commit metadata may hold a pending backfill that the next commit must carry on.
          if (readFailed && catchUp) {
            found = await catchUp.readCommitted(entry);
            // The retention check above had no commit to compare: compare this one before a jump.
            if (found) await retention.atAssignment([found], epochs);
          }
          // With a backfill pending, the gap state is not rebuilt from the log before the committed
          // offset: that read would mark the readings still owed as delivered, and the jump as a gap.
          const backfilling =
            (await catchUp?.atAssignment(entry, epoch, found)) === true || entry.backfill !== undefined;
          // Read (not given up on at close): the backfill it names, if any, is attached now.
          if (found || !readFailed) entry.metadataPending = false;
          const current = entry.epoch;
          const isCurrent = (): boolean => ledger.isCurrent(entry.topic, entry.partition, current);
          await gaps?.rebuild(entry.partition, backfilling ? undefined : found?.offset, isCurrent);
        })
        .catch((error: unknown) =>
          logger.warn({ partition: entry.partition }, `Rebuilding gap state failed: ${String(error)}`),
        )
        .finally(() => {
          if (entry.ready === ready) entry.ready = undefined;
        });
      entry.ready = ready;
    }
  }
}

/** Reports a retention loss the same way wherever it was found. */
export function dataLossReporter(
  logger: Logger,
  callbacks: UserCallbacks,
  onDataLoss: ((error: Error) => void) | undefined,
  count: (loss: DataLossError) => void,
): (loss: DataLossError) => void {
  return (loss) => {
    count(loss);
    logger.error({ topic: loss.topic, partition: loss.partition, from: loss.from, to: loss.to }, loss.message);
    callbacks.call('onDataLoss', onDataLoss, loss);
  };
}
