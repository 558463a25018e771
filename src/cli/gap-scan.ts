import { GapDetector, type DetectedGap } from '../gaps/gap-detector.js';
import { classifyGap, type GapEvent } from '../gaps/gap-outcome.js';

/** Options of {@link GapScan}. */
export interface GapScanOptions {
  /** Fixed reporting interval; learned per inverter when absent. */
  expectedIntervalMs?: number | undefined;
  /** A gap is a jump larger than `toleranceFactor × cadence`. @default 1.5 */
  toleranceFactor?: number | undefined;
}

interface OpenGap {
  gap: DetectedGap;
  recovered: number;
}

/**
 * Finds per-inverter gaps in readings read back from the log, with the same
 * pure detector the consumer uses. A reading that arrives later inside an earlier gap (published
 * late) counts as recovered from the log. Outcomes come from `classifyGap`: with nothing inside,
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
  readonly #open = new Map<string, OpenGap[]>();
  readonly #gaps: OpenGap[] = [];
  // Partition each inverter was seen on, or -1 once seen on several.
  readonly #partitionOf = new Map<string, number>();
  #readings = 0;

  constructor(options: GapScanOptions = {}) {
    this.#detector = new GapDetector({
      ...(options.expectedIntervalMs === undefined ? {} : { expectedIntervalMs: options.expectedIntervalMs }),
      ...(options.toleranceFactor === undefined ? {} : { toleranceFactor: options.toleranceFactor }),
    });
  }

  /** Takes one reading, in log order per partition. */
  observe(partition: number, serialNumber: string, timeMs: number): void {
    this.#readings++;
    const known = this.#partitionOf.get(serialNumber);
    if (known === undefined) this.#partitionOf.set(serialNumber, partition);
    else if (known !== partition) this.#partitionOf.set(serialNumber, -1);
    for (const open of this.#open.get(serialNumber) ?? []) {
      if (timeMs > open.gap.from && timeMs < open.gap.to) open.recovered++;
    }
    const gap = this.#detector.observe(partition, serialNumber, timeMs);
    if (gap === undefined) return;
    const entry = { gap, recovered: 0 };
    this.#gaps.push(entry);
    const list = this.#open.get(serialNumber);
    if (list) list.push(entry);
    else this.#open.set(serialNumber, [entry]);
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
    return this.#gaps.map(({ gap, recovered }) =>
      classifyGap({
        serialNumber: gap.serialNumber,
        partition: gap.partition,
        from: gap.from,
        to: gap.to,
        cadenceMs: gap.cadenceMs,
        recovered,
        earliestRetainedMs: this.#partitionOf.get(gap.serialNumber) === -1 ? earliestRetainedMs : undefined,
      }),
    );
  }
}
