import { DataLossError } from '../errors/data-loss-error.js';
import type { CommittedOffset, GroupConsumer } from '../kafka/group-consumer.js';
import type { Logger } from '../internal/logger.js';
import { partitionKey, type PartitionEntry, type PartitionLedger } from './partition-ledger.js';

/**
 * Finds records that retention deleted before this group read them, and reports each loss once
 * with its offset range: at assignment (the committed offset is below the earliest retained
 * one) and while running (librdkafka's fetch position fell out of retention and it jumped to the
 * earliest offset by itself, which it only logs).
 */
export class RetentionLoss {
  readonly #checking = new Set<string>();

  constructor(
    private readonly kafka: GroupConsumer,
    private readonly ledger: PartitionLedger,
    private readonly log: Logger,
    private readonly timeoutMs: number,
    private readonly report: (loss: DataLossError) => void,
  ) {}

  /** Compares each newly assigned partition's committed offset with its earliest retained one. */
  async atAssignment(committed: readonly CommittedOffset[], epochs: ReadonlyMap<string, number>): Promise<void> {
    // Each partition on its own: one odd answer never skips the check for the others.
    await Promise.all(
      committed.map(async (c) => {
        if (c.offset === undefined) return; // nothing committed yet: nothing can have been lost
        try {
          const { low } = await this.kafka.watermarks(c, this.timeoutMs);
          const epoch = epochs.get(partitionKey(c.topic, c.partition));
          if (epoch === undefined || !this.ledger.isCurrent(c.topic, c.partition, epoch)) return;
          if (BigInt(c.offset) < BigInt(low)) this.report(new DataLossError(c.topic, c.partition, c.offset, low));
        } catch (error) {
          this.log.warn({ topic: c.topic, partition: c.partition }, `Checking retention failed: ${String(error)}`);
        }
      }),
    );
  }

  /**
   * The fetcher found the partition's next message at `actual` where `expected` was due. Offsets
   * may have holes for harmless reasons (transaction markers, compaction); only when the
   * earliest retained offset is past `expected` were records deleted unread.
   */
  skipped(entry: PartitionEntry, expected: number, actual: number): void {
    const epoch = entry.epoch;
    const checking = `${entry.key}\u0000${epoch}`;
    if (this.#checking.has(checking)) return;
    this.#checking.add(checking);
    this.kafka
      .watermarks(entry, this.timeoutMs)
      .then(({ low }) => {
        if (!this.ledger.isCurrent(entry.topic, entry.partition, epoch)) return;
        if (Number(low) > expected) {
          const to = String(Math.min(Number(low), actual));
          this.report(new DataLossError(entry.topic, entry.partition, String(expected), to));
        }
      })
      .catch((error: unknown) =>
        this.log.warn(
          { topic: entry.topic, partition: entry.partition },
          `Checking retention failed: ${String(error)}`,
        ),
      )
      .finally(() => this.#checking.delete(checking));
  }
}
