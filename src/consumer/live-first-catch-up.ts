import { readOffsetRanges } from '../gaps/read-offset-ranges.js';
import type { Logger } from '../internal/logger.js';
import type { ClientConfig } from '../kafka/client-config.js';
import type { CommittedOffset, GroupConsumer } from '../kafka/group-consumer.js';
import type { MessageDecoder } from '../records/message-decoder.js';
import { decodeBackfillMetadata, type PendingRange } from './backfill-metadata.js';
import { BackfillProgress } from './backfill-progress.js';
import type { ResolvedCatchUpOptions } from './catch-up-options.js';
import type { DeliveryQueue } from './delivery-queue.js';
import type { FetchPump } from './fetch-pump.js';
import { partitionKey, type PartitionEntry, type PartitionLedger } from './partition-ledger.js';

/** What live-first catch-up works with. */
export interface CatchUpContext<T> {
  options: ResolvedCatchUpOptions;
  kafka: GroupConsumer;
  ledger: PartitionLedger;
  queue: DeliveryQueue<T>;
  pump: FetchPump<T>;
  topic: string;
  clientConfig: () => Promise<ClientConfig>;
  decode: MessageDecoder<T>;
  logger: Logger;
  timeoutMs: number;
  /** Reads the skipped ranges. @default a side reader over Kafka */
  readRanges?: typeof readOffsetRanges<T>;
  /**
   * The backfill found a partition's next record at `actual` where `expected` was due (or the end
   * of a range): retention may have deleted the records between before they were read.
   */
  onSkip?: ((entry: PartitionEntry, expected: number, actual: number) => void) | undefined;
}

const retryAfterMs = 1000;

/**
 * Live-first catch-up and the backfill behind it. At assignment, a partition far enough behind is
 * moved to its end (a new epoch, so nothing read from the old position reaches the body) and the
 * skipped range becomes its backfill; a backfill an earlier run left in the commit metadata is
 * resumed in any mode. A side reader per partition reads the pending ranges into the delivery
 * queue under the partition's epoch, using at most half of the buffer. A revoke ends it (the
 * last commit's metadata keeps what is left for the next owner); a seek starts it over in the new
 * epoch with what is still owed below the new position.
 */
export class LiveFirstCatchUp<T> {
  readonly #running = new Map<string, Promise<void>>();
  /** Partitions whose backfill was (re)started while a run was going: that run must look again. */
  readonly #again = new Set<string>();
  readonly #abort = new AbortController();

  constructor(private readonly context: CatchUpContext<T>) {
    context.ledger.onReposition = (entry) => this.#start(entry);
  }

  /**
   * Sets up a newly assigned partition's backfill from its committed offset; returns whether
   * the partition jumped to its end (its gap state then is not rebuilt from the log).
   */
  async atAssignment(entry: PartitionEntry, epoch: number, committed: CommittedOffset | undefined): Promise<boolean> {
    const { kafka, ledger, options, timeoutMs } = this.context;
    const isCurrent = (): boolean => ledger.isCurrent(entry.topic, entry.partition, epoch);
    const ranges: PendingRange[] = decodeBackfillMetadata(committed?.metadata);
    const from = committed?.offset === undefined ? undefined : Number(committed.offset);
    let liveStart = from;
    let settledEpoch = epoch;
    if (options.mode === 'live-first' && from !== undefined) {
      try {
        const { low, high } = await kafka.watermarks(entry, timeoutMs);
        if (
          Number(high) - from >= options.minLagRecords &&
          isCurrent() &&
          (await this.#jump(entry, epoch, Number(high)))
        ) {
          // Records before the earliest retained one are reported lost by the retention check already.
          ranges.push({ from: Math.max(from, Number(low)), to: Number(high) });
          liveStart = Number(high);
          settledEpoch = entry.epoch;
        }
      } catch (error) {
        // No jump: the partition reads on from its commit, and a pending backfill still resumes.
        this.context.logger.warn(
          { topic: entry.topic, partition: entry.partition },
          `Live-first catch-up did not jump: ${String(error)}`,
        );
      }
    }
    // Revoked meanwhile: the next owner reads the same metadata.
    if (ranges.length === 0 || liveStart === undefined || ledger.get(entry.topic, entry.partition) !== entry)
      return false;
    let progress: BackfillProgress | undefined = new BackfillProgress(ranges, liveStart);
    progress.committedMetadata = committed?.metadata;
    // Seeked meanwhile: what is owed below the new position stays owed, as for any seek.
    // (From where the seek put the live stream: what it fetched since may not be finished.)
    if (entry.epoch !== settledEpoch) progress = progress.carriedTo(entry.startedAt ?? liveStart);
    if (!progress) return false;
    entry.backfill = progress;
    this.context.logger.info(
      { topic: entry.topic, partition: entry.partition, ranges: progress.ranges, liveStart },
      'Backfilling skipped records',
    );
    this.#start(entry);
    return liveStart !== from;
  }

  /**
   * Reads a partition's committed offset and metadata until it works, while the assignment lasts
   * (a seek meanwhile does not end it: the metadata may still name a pending backfill). Nothing is
   * committed for the partition until then, so nothing is committed over metadata not read yet.
   */
  async readCommitted(entry: PartitionEntry): Promise<CommittedOffset | undefined> {
    const { kafka, ledger, logger, timeoutMs } = this.context;
    while (ledger.get(entry.topic, entry.partition) === entry && !this.#abort.signal.aborted) {
      try {
        const [found] = await kafka.committed([{ topic: entry.topic, partition: entry.partition }], timeoutMs);
        return found;
      } catch (error) {
        logger.warn(
          { topic: entry.topic, partition: entry.partition },
          `Reading the committed offset failed; retrying: ${String(error)}`,
        );
        await new Promise((resolve) => setTimeout(resolve, retryAfterMs));
      }
    }
    return undefined;
  }

  /** Moves the partition to `high` with no fetch in flight; false when it changed meanwhile. */
  async #jump(entry: PartitionEntry, epoch: number, high: number): Promise<boolean> {
    const { kafka, ledger, queue, pump, timeoutMs } = this.context;
    const open = await pump.closeGate();
    try {
      if (!ledger.isCurrent(entry.topic, entry.partition, epoch)) return false;
      await kafka.seek({ topic: entry.topic, partition: entry.partition, offset: String(high) }, timeoutMs);
      // Revoked while seeking: the queue may hold the next assignment's backfill by now.
      if (!ledger.isCurrent(entry.topic, entry.partition, epoch)) return false;
      ledger.reposition(entry, String(high));
      queue.dropPartition(entry.topic, entry.partition);
      return true;
    } finally {
      open();
    }
  }

  /** Runs the partition's backfill in its current epoch, unless one runs and will see the new epoch. */
  #start(entry: PartitionEntry): void {
    if (!entry.backfill) return;
    if (this.#running.has(entry.key)) {
      this.#again.add(entry.key);
      return;
    }
    const run = this.#run(entry.topic, entry.partition).finally(() => {
      this.#running.delete(entry.key);
      // Started again after the run last looked (it may have found no backfill yet): run it now.
      const current = this.context.ledger.get(entry.topic, entry.partition);
      if (this.#again.delete(entry.key) && current) this.#start(current);
    });
    this.#running.set(entry.key, run);
  }

  async #run(topic: string, partition: number): Promise<void> {
    for (;;) {
      this.#again.delete(partitionKey(topic, partition)); // this turn sees the latest entry
      const entry = this.context.ledger.get(topic, partition);
      const progress = entry?.backfill;
      if (!entry || !progress || this.#abort.signal.aborted) return;
      const epoch = entry.epoch;
      const finished = await this.#read(entry, epoch, progress);
      // Read to the end in this epoch: a later seek starts a new run.
      if (finished && this.context.ledger.isCurrent(topic, partition, epoch)) return;
    }
  }

  /** Reads what the progress has not read yet; true once it read everything. */
  async #read(entry: PartitionEntry, epoch: number, progress: BackfillProgress): Promise<boolean> {
    const { ledger, queue, logger } = this.context;
    const isCurrent = (): boolean =>
      ledger.isCurrent(entry.topic, entry.partition, epoch) && !this.#abort.signal.aborted;
    try {
      // One range at a time, oldest first: the frontier moves through them in order.
      for (const range of progress.unread()) {
        let expected = range.from;
        const reading = (this.context.readRanges ?? readOffsetRanges)({
          config: await this.context.clientConfig(),
          topic: entry.topic,
          ranges: [{ partition: entry.partition, fromOffset: BigInt(range.from), toOffset: BigInt(range.to) }],
          decode: this.context.decode,
          source: 'backfill',
          timeoutMs: this.context.timeoutMs,
          signal: this.#abort.signal,
          logger,
        });
        for await (const batch of reading) {
          for (const message of batch) {
            await queue.roomForBackfill();
            if (!isCurrent()) return false;
            const offset = Number(message.offset);
            if (offset > expected) this.context.onSkip?.(entry, expected, offset);
            expected = offset + 1;
            queue.pushBackfill(message, epoch);
            progress.queued(offset);
          }
        }
        if (!isCurrent()) return false;
        if (expected < range.to) this.context.onSkip?.(entry, expected, range.to);
        progress.readTo(range.to);
      }
      logger.info({ topic: entry.topic, partition: entry.partition }, 'Backfill read to the end');
      return true;
    } catch (error) {
      if (!isCurrent()) return false;
      logger.warn(
        { topic: entry.topic, partition: entry.partition },
        `Backfill read failed; retrying: ${String(error)}`,
      );
      await new Promise((resolve) => setTimeout(resolve, retryAfterMs));
      return false;
    }
  }

  /** Stops every backfill read. */
  async close(): Promise<void> {
    this.#abort.abort();
    await Promise.allSettled(this.#running.values());
  }
}
