import type { ConsumerStats } from '../../consumer/consumer-stats.js';

/** What the demo says about gaps: the consumer's own gap recovery counters. */
export interface DemoGapSummary {
  /** Gaps the consumer's detector found in the live stream. */
  found: number;
  /** Gaps whose readings were found in the log and delivered (`refilled`). */
  refilled: number;
  /** Gaps of which some readings were found (`partial`). */
  partial: number;
  /** Gaps with nothing in the log: the readings the simulator withheld (`not-in-log`). */
  notInLog: number;
  /** Gaps reaching back before retention (`beyond-retention`). */
  beyondRetention: number;
  /** Readings delivered with `source: 'refill'`. */
  refilledRecords: number;
  /** Side-reader scans it took (merged per partition). */
  scans: number;
}

/** The gap part of the demo summary, from the consumer's `stats()`. */
export function demoGapSummary(stats: ConsumerStats): DemoGapSummary {
  return {
    found: stats.gapsFound,
    refilled: stats.gapsRefilled,
    partial: stats.gapsPartial,
    notInLog: stats.gapsNotInLog,
    beyondRetention: stats.gapsBeyondRetention,
    refilledRecords: stats.refilledRecords,
    scans: stats.refillScans,
  };
}

/** True once every gap found has ended in an event. */
export function gapsConcluded(stats: ConsumerStats): boolean {
  return stats.gapsFound === stats.gapsRefilled + stats.gapsPartial + stats.gapsNotInLog + stats.gapsBeyondRetention;
}
