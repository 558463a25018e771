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
 * `not-in-log`; starting before the earliest retained record, `beyond-retention`. A scan only
 * reads: `refilled`/`partial` here mean late readings were found in the log, whereas the
 * consumer's refill outcomes come from the consumer itself.
 */
export class GapScan {
  readonly #detector: GapDetector;
  readonly #open = new Map<string, OpenGap[]>();
  readonly #gaps: OpenGap[] = [];
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

  /** Every gap found, in the order found, with its outcome. */
  results(earliestRetainedMs?: number): GapEvent[] {
    return this.#gaps.map(({ gap, recovered }) =>
      classifyGap({
        serialNumber: gap.serialNumber,
        partition: gap.partition,
        from: gap.from,
        to: gap.to,
        cadenceMs: gap.cadenceMs,
        recovered,
        earliestRetainedMs,
      }),
    );
  }
}
