/** What is kept about one inverter between runs: enough to detect a gap across a restart. */
export interface GapStateEntry {
  /** Serial number of the inverter. */
  serialNumber: string;
  /** Telemetry time of the last reading seen, in epoch milliseconds. */
  lastTimeMs: number;
  /** Reporting interval, configured or learned; absent while still unknown. */
  cadenceMs?: number;
  /**
   * Gaps of this inverter whose refill had not finished when the consumer closed: the next
   * consumer to load the partition refills them and sends their `GapEvent`s. Absent when none.
   */
  openGaps?: OpenGapEntry[];
}

/** A gap handed from one run to the next through a {@link GapStateStore}. Times in epoch ms. */
export interface OpenGapEntry {
  /** Telemetry time of the last reading before the gap. */
  fromMs: number;
  /** Telemetry time of the first reading after the gap. */
  toMs: number;
  /** The cadence the gap was detected with. */
  cadenceMs: number;
  /** Readings inside the gap already delivered. */
  recovered: number;
}

/**
 * Where per-partition gap-detection state is kept between runs. Optional: without a store the
 * state is rebuilt on assignment by scanning a lookback window of the log. A
 * store lets a restart see a gap that began before that window.
 *
 * State is per (topic, partition) because it moves with a partition between consumer instances.
 * Implementations reject with a `GapStateError` naming what failed.
 *
 * @example
 * ```ts
 * createTelemetryConsumer({ ..., gaps: { refill: true, store: new FileGapStateStore('./gap-state') } });
 * ```
 */
export interface GapStateStore {
  /** The saved entries of a partition; empty when nothing was saved. */
  load(topic: string, partition: number): Promise<GapStateEntry[]>;
  /** Replaces the saved entries of a partition. */
  save(topic: string, partition: number, entries: readonly GapStateEntry[]): Promise<void>;
  /** Forgets a partition. Dropping one that was never saved is not an error. */
  drop(topic: string, partition: number): Promise<void>;
}

const key = (topic: string, partition: number): string => `${topic}\u0000${partition}`;

/** A {@link GapStateStore} that lives as long as the process: for tests and short-lived tools. */
export class MemoryGapStateStore implements GapStateStore {
  readonly #partitions = new Map<string, GapStateEntry[]>();

  load(topic: string, partition: number): Promise<GapStateEntry[]> {
    const entries = this.#partitions.get(key(topic, partition)) ?? [];
    return Promise.resolve(entries.map((entry) => structuredClone(entry)));
  }

  save(topic: string, partition: number, entries: readonly GapStateEntry[]): Promise<void> {
    this.#partitions.set(
      key(topic, partition),
      entries.map((entry) => structuredClone(entry)),
    );
    return Promise.resolve();
  }

  drop(topic: string, partition: number): Promise<void> {
    this.#partitions.delete(key(topic, partition));
    return Promise.resolve();
  }
}
