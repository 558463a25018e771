import { GapDetector, type DetectedGap } from '../gaps/gap-detector.js';
import type { GapEvent } from '../gaps/gap-outcome.js';
import { PendingGap } from '../gaps/pending-gap.js';

/** Options of {@link GapScan}. */
export interface GapScanOptions {
  /** Fixed reporting interval; learned per inverter when absent. */
  expectedIntervalMs?: number | undefined;
  /** A gap is a jump larger than `toleranceFactor × cadence`. @default 1.5 */
  toleranceFactor?: number | undefined;
}

/**
 * Finds per-inverter gaps in readings read back from the log, with the same
 * pure detector the consumer uses. A reading that arrives later inside an earlier gap counts as
 * recovered from the log when it was published late (after the reading that ended the gap); one
 * published before it is an inverter's reading on another partition, read later: it fills the
 * gap, as the consumer judges a topic not keyed by serial number. Outcomes come from `classifyGap`: with nothing inside,
 * `not-in-log`; `beyond-retention` only when the log really starts after the gap began. Both
 * readings around a gap were read from the log, so for an inverter whose readings all sit on one
 * partition (a topic keyed by serial number) everything between them is retained too: such a gap
 * is never `beyond-retention`. Only an inverter spread over several partitions can have lost
 * readings between them, on a partition whose log starts after the gap's `from`. A scan only
 * reads: `refilled`/`partial` here mean late readings were found in the log, whereas the
 * consumer's refill outcomes come from the consumer itself.
 */
export class GapScan {
  readonly #detector: GapDetector;
  readonly #open = new Map<string, PendingGap[]>();
  readonly #gaps: PendingGap[] = [];
  readonly #toleranceFactor: number;
  // Per inverter, the earliest reading seen and when it was published: readings of another
  // partition read later can come before it, and a hole among them is still a gap.
  readonly #first = new Map<string, { timeMs: number; publishedMs: number; partition: number }>();
  // Partition each inverter was seen on, or -1 once seen on several.
  readonly #partitionOf = new Map<string, number>();
  #readings = 0;

  constructor(options: GapScanOptions = {}) {
    this.#toleranceFactor = options.toleranceFactor ?? 1.5;
    this.#detector = new GapDetector({
      ...(options.expectedIntervalMs === undefined ? {} : { expectedIntervalMs: options.expectedIntervalMs }),
      ...(options.toleranceFactor === undefined ? {} : { toleranceFactor: options.toleranceFactor }),
    });
  }

  /**
   * Takes one reading, in log order per partition. `publishedMs` is its Kafka record time; without
   * it, readings are taken to have been published in the order they are given.
   */
  observe(partition: number, serialNumber: string, timeMs: number, publishedMs = this.#readings): void {
    this.#readings++;
    const known = this.#partitionOf.get(serialNumber);
    if (known === undefined) this.#partitionOf.set(serialNumber, partition);
    else if (known !== partition) this.#partitionOf.set(serialNumber, -1);
    for (const open of this.#open.get(serialNumber) ?? []) {
      if (open.contains(timeMs)) open.noteSeen({ timeMs, publishedMs, partition, delivered: false });
    }
    const first = this.#first.get(serialNumber);
    if (!first || timeMs < first.timeMs) this.#first.set(serialNumber, { timeMs, publishedMs, partition });
    const cadenceMs = this.#detector.cadenceOf(serialNumber);
    if (first && timeMs < first.timeMs && cadenceMs !== undefined) {
      if (first.timeMs - timeMs > this.#toleranceFactor * cadenceMs)
        this.#add(
          { serialNumber, partition: first.partition, from: timeMs, to: first.timeMs, cadenceMs },
          first.publishedMs,
        );
    }
    const gap = this.#detector.observe(partition, serialNumber, timeMs);
    if (gap !== undefined) this.#add(gap, publishedMs);
  }

  #add(gap: DetectedGap, toPublishedMs: number): void {
    const { serialNumber } = gap;
    const pending = new PendingGap(gap, 0, toPublishedMs);
    pending.suspect = true;
    this.#gaps.push(pending);
    const list = this.#open.get(serialNumber);
    if (list) list.push(pending);
    else this.#open.set(serialNumber, [pending]);
  }

  /** Readings and inverters seen so far. */
  get counts(): { readings: number; inverters: number } {
    return { readings: this.#readings, inverters: this.#detector.size };
  }

  /**
   * Every gap found, in the order found, with its outcome. `earliestRetainedMs` is the time of the
   * earliest record retained on the partitions that lost records (low watermark above 0), if any.
   */
  results(earliestRetainedMs?: number): GapEvent[] {
    return this.#gaps.flatMap((gap) =>
      gap.toSuspectEvents(
        this.#toleranceFactor,
        () => true,
        this.#partitionOf.get(gap.serialNumber) === -1 ? earliestRetainedMs : undefined,
      ),
    );
  }
}
