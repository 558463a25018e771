import type { GroupConsumer } from '../kafka/group-consumer.js';
import type { PartitionOffset } from '../kafka/kafka-message.js';
import type { Clock } from '../internal/clock.js';
import type { Logger } from '../internal/logger.js';
import type { PartitionEntry, PartitionLedger } from './partition-ledger.js';

/**
 * A partition's finished watermark, if it moved past what was committed in this epoch. With a
 * backfill, also when the backfill's pending ranges (kept in the commit metadata) changed; the
 * live position is then committed even before a live record finished.
 */
function due(entry: PartitionEntry): PartitionOffset | undefined {
  if (entry.metadataPending) return undefined;
  const backfill = entry.backfill;
  const watermark = entry.offsets.watermark ?? backfill?.liveStart;
  if (watermark === undefined) return undefined;
  const offset = String(watermark);
  const metadata = backfill?.metadata();
  if (offset === entry.committed && metadata === backfill?.committedMetadata) return undefined;
  return { topic: entry.topic, partition: entry.partition, offset, ...(metadata ? { metadata } : {}) };
}

/**
 * Commits finished offsets: on an interval, on revoke and on close. A position counts as
 * committed only once the broker confirmed it and only for the epoch it was taken in, so a failed
 * commit is tried again and a quiet partition still gets its last one.
 */
export class OffsetCommitter {
  #running: Promise<void> | undefined;
  #lastCommitAt: number | undefined;
  #failures = 0;
  #commits = 0;
  #commitMs = 0;

  constructor(
    private readonly kafka: GroupConsumer,
    private readonly ledger: PartitionLedger,
    private readonly log: Logger,
    private readonly clock: Clock,
    /** Told of every failed commit (the positions are tried again at the next turn). */
    private readonly onFailed: (positions: PartitionOffset[], error: Error) => void = () => undefined,
  ) {}

  get lastCommitAt(): Date | undefined {
    return this.#lastCommitAt === undefined ? undefined : new Date(this.#lastCommitAt);
  }

  /** Commit requests the broker confirmed / refused, and the time the confirmed ones took. */
  get counts(): { commits: number; commitFailures: number; commitMs: number } {
    return { commits: this.#commits, commitFailures: this.#failures, commitMs: this.#commitMs };
  }

  /** The positions to commit for partitions being revoked; they leave the ledger, so no epoch check. */
  forRevoke(entries: readonly PartitionEntry[]): PartitionOffset[] {
    const positions: PartitionOffset[] = [];
    for (const entry of entries) {
      const position = due(entry);
      if (position) positions.push(position);
    }
    return positions;
  }

  /** Commits every assigned partition's finished watermark that moved; one commit at a time. */
  async commitFinished(): Promise<void> {
    while (this.#running) await this.#running;
    const running = this.#commit().finally(() => (this.#running = undefined));
    this.#running = running;
    return running;
  }

  async #commit(): Promise<void> {
    const taken: { entry: PartitionEntry; epoch: number; position: PartitionOffset }[] = [];
    for (const entry of this.ledger.entries()) {
      const position = due(entry);
      if (position) taken.push({ entry, epoch: entry.epoch, position });
    }
    if (taken.length === 0) return;
    const started = this.clock.now();
    try {
      await this.kafka.commit(taken.map((t) => t.position));
    } catch (error) {
      // Nothing is marked committed: the next turn tries again with the (maybe further) watermark.
      this.#failures++;
      this.onFailed(
        taken.map((t) => t.position),
        error as Error,
      );
      this.log.warn(
        { code: (error as { code?: string }).code },
        `Committing offsets failed; will retry: ${String(error)}`,
      );
      return;
    }
    this.#commits++;
    this.#lastCommitAt = this.clock.now();
    this.#commitMs += this.#lastCommitAt - started;
    for (const { entry, epoch, position } of taken) {
      if (!this.ledger.isCurrent(entry.topic, entry.partition, epoch)) continue;
      entry.committed = position.offset;
      if (entry.backfill) entry.backfill.committedMetadata = position.metadata;
    }
  }
}
