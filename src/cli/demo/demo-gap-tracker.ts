import type { TelemetryRecord } from '../../consumer/telemetry-record.js';
import type { InverterTelemetry } from '../../telemetry/inverter-telemetry-schema.js';
import { GapScan } from '../gap-scan.js';

/** What the demo says about gaps. */
export interface DemoGapSummary {
  /** Gaps the detector found in the consumed stream. */
  found: number;
  /** Inverters with at least one gap. */
  inverters: number;
  /** Gaps whose readings all turned up later in the stream (published late). */
  filledByLateReadings: number;
  /** Gaps with nothing in the log: the readings the simulator withheld. */
  notInLog: number;
  /** Readings the cadence predicts inside the `notInLog` gaps. */
  missingInNotInLog: number;
  /**
   * Gaps the consumer refilled from the log. `undefined` until the consumer's gap recovery
   * (`gaps: { refill: true }`, `consumer.gaps()`) is wired in: see GAP-RECOVERY HOOK below.
   */
  refilled: number | undefined;
}

/**
 * Tracks gaps in what the demo consumed.
 *
 * GAP-RECOVERY HOOK: today gaps are found by running the pure detector over the consumed records
 * (GapScan), which can only say whether a gap's readings arrived late or are not in the log.
 * When the consumer ships gap recovery, create it in run-demo.ts with `gaps: { refill: true,
 * expectedIntervalMs }`, replace this tracker with one fed by `consumer.gaps()` (or `onGap`),
 * and fill `refilled` (outcome `refilled`/`partial`), `notInLog` and `beyond-retention` from the
 * `GapEvent`s. Records with `source: 'refill'` then count as recovered, not as duplicates.
 */
export class DemoGapTracker {
  readonly #scan: GapScan;

  constructor(expectedIntervalMs: number) {
    this.#scan = new GapScan({ expectedIntervalMs });
  }

  observe(record: TelemetryRecord<InverterTelemetry>): void {
    const time = record.value.time;
    if (time !== undefined) this.#scan.observe(record.partition, record.value.serialNumber, time.getTime());
  }

  summary(): DemoGapSummary {
    const gaps = this.#scan.results();
    const notInLog = gaps.filter((g) => g.outcome === 'not-in-log');
    return {
      found: gaps.length,
      inverters: new Set(gaps.map((g) => g.serialNumber)).size,
      filledByLateReadings: gaps.filter((g) => g.outcome === 'refilled').length,
      notInLog: notInLog.length,
      missingInNotInLog: notInLog.reduce((sum, g) => sum + (g.expected ?? 0), 0),
      refilled: undefined,
    };
  }
}
