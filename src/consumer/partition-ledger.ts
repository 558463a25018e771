import type { Partition } from '../kafka/kafka-message.js';
import { OffsetTracker } from './offset-tracker.js';
import type { BackfillProgress } from './backfill-progress.js';

/** Everything the consumer knows about one assigned partition, in one place. */
export interface PartitionEntry extends Partition {
  readonly key: string;
  /**
   * Changes on assign, revoke and seek. Async work remembers the epoch it started under and is
   * discarded when it finishes under another one.
   */
  epoch: number;
  /** Finished offsets of this epoch and the commit watermark. */
  offsets: OffsetTracker;
  /** The last offset this consumer committed (or the group had) in this epoch. */
  committed: string | undefined;
  /** One past the last offset handed to the application: lag counts from here. */
  nextToDeliver: number | undefined;
  /** One past the last offset fetched in this epoch, to notice the client jumping ahead. */
  nextExpected: number | undefined;
  /** Settles when the partition's gap state is rebuilt; its records wait for it. */
  ready: Promise<void> | undefined;
  /** The range live-first catch-up skipped (or an earlier run left pending) and its backfill, in this epoch. */
  backfill: BackfillProgress | undefined;
  /**
   * The group's commit metadata (which may name a pending backfill) is not read yet: nothing is
   * committed for the partition until it is, even if a seek let records through meanwhile.
   */
  metadataPending: boolean;
  /** Where the last seek or jump put the live stream in this assignment; `undefined` before one. */
  startedAt: number | undefined;
}

export const partitionKey = (topic: string, partition: number): string => `${topic}\u0000${partition}`;

/**
 * The consumer's per-partition state: one entry per assigned partition, created fresh on every
 * assignment and dropped on revoke, so nothing of an earlier assignment survives into a later one.
 */
export class PartitionLedger {
  readonly #entries = new Map<string, PartitionEntry>();
  // Looked up per fetched message: by topic then partition, without building a key string.
  readonly #byTopic = new Map<string, Map<number, PartitionEntry>>();
  // One counter for all partitions: a re-assigned partition never gets an epoch it had before.
  #epochs = 0;
  /** Told after a partition moved to a new epoch in place (a seek): its backfill starts over. */
  onReposition: ((entry: PartitionEntry) => void) | undefined;

  assign(partitions: readonly Partition[]): PartitionEntry[] {
    return partitions.map((p) => {
      const entry: PartitionEntry = {
        topic: p.topic,
        partition: p.partition,
        key: partitionKey(p.topic, p.partition),
        epoch: ++this.#epochs,
        offsets: new OffsetTracker(),
        committed: undefined,
        nextToDeliver: undefined,
        nextExpected: undefined,
        ready: undefined,
        backfill: undefined,
        metadataPending: false,
        startedAt: undefined,
      };
      this.#entries.set(entry.key, entry);
      let partitions = this.#byTopic.get(entry.topic);
      if (!partitions) this.#byTopic.set(entry.topic, (partitions = new Map()));
      partitions.set(entry.partition, entry);
      return entry;
    });
  }

  /** Removes the partitions' entries and returns those that were there. */
  revoke(partitions: readonly Partition[]): PartitionEntry[] {
    const removed: PartitionEntry[] = [];
    for (const p of partitions) {
      const key = partitionKey(p.topic, p.partition);
      const entry = this.#entries.get(key);
      if (!entry) continue;
      entry.epoch = ++this.#epochs; // anything still holding the entry sees it is stale
      this.#entries.delete(key);
      this.#byTopic.get(entry.topic)?.delete(entry.partition);
      removed.push(entry);
    }
    return removed;
  }

  /** Starts a new epoch for a partition whose position moved (a seek): a clean slate of offsets. */
  reposition(entry: PartitionEntry, offset: string): void {
    entry.epoch = ++this.#epochs;
    entry.offsets = new OffsetTracker();
    entry.committed = undefined;
    entry.nextToDeliver = undefined;
    entry.nextExpected = Number(offset);
    entry.startedAt = Number(offset);
    entry.ready = undefined;
    // What the backfill still owes below the new position stays owed; from it on the live stream reads it.
    entry.backfill = entry.backfill?.carriedTo(Number(offset));
    this.onReposition?.(entry);
  }

  get(topic: string, partition: number): PartitionEntry | undefined {
    return this.#byTopic.get(topic)?.get(partition);
  }

  /** Whether work started under `epoch` for this partition is still current. */
  isCurrent(topic: string, partition: number, epoch: number): boolean {
    return this.get(topic, partition)?.epoch === epoch;
  }

  entries(): IterableIterator<PartitionEntry> {
    return this.#entries.values();
  }

  partitions(): Partition[] {
    return [...this.#entries.values()].map((e) => ({ topic: e.topic, partition: e.partition }));
  }

  get size(): number {
    return this.#entries.size;
  }
}
