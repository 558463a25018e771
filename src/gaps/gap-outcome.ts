/** How a gap ended. */
export const GapOutcome = {
  /** Readings were found in the log and delivered: at least as many as the cadence predicts. */
  Refilled: 'refilled',
  /** Some readings were found and delivered, fewer than the cadence predicts. */
  Partial: 'partial',
  /** The log holds nothing for the inverter in the window (night, an outage): nothing to recover. */
  NotInLog: 'not-in-log',
  /** The window starts before the earliest record the topic still retains: part of it is lost. */
  BeyondRetention: 'beyond-retention',
  /**
   * The consumer closed before the gap's refill finished and had no `GapStateStore` to hand the
   * gap to: what is in the log for it was not read. `goodwe-kafka gaps` or a replay of the window
   * can still look.
   */
  Unresolved: 'unresolved',
} as const;

/** One of {@link GapOutcome}. */
export type GapOutcome = (typeof GapOutcome)[keyof typeof GapOutcome];

/**
 * The end of one inverter's gap (see docs/recovering-data.md), delivered by `consumer.gaps()` and `onGap`.
 * The missing readings lie strictly between `from` and `to`: those two were seen.
 */
export interface GapEvent {
  /** Serial number of the inverter. */
  serialNumber: string;
  /** Partition of the reading that revealed the gap. */
  partition: number;
  /** Telemetry time of the last reading before the gap. */
  from: Date;
  /** Telemetry time of the first reading after the gap. */
  to: Date;
  /** How the gap ended. */
  outcome: GapOutcome;
  /** Readings inside the gap delivered since it was found: by the refill or arriving late. */
  recovered: number;
  /** Readings the cadence predicts inside the gap, when the cadence is known. */
  expected?: number;
  /** With `beyond-retention`: the part of the gap no longer in the log. */
  lost?: {
    /** Start of the lost part: the gap's `from`. */
    from: Date;
    /** End of the lost part: the time of the earliest record still retained, or the gap's `to` if earlier. */
    to: Date;
  };
}

/** What {@link classifyGap} judges. Times in epoch ms. */
export interface GapOutcomeInput {
  serialNumber: string;
  partition: number;
  from: number;
  to: number;
  /** Cadence the gap was detected with. */
  cadenceMs?: number | undefined;
  /** Readings inside the gap that were delivered. */
  recovered: number;
  /** Timestamp of the earliest record retained on the partitions scanned, when known. */
  earliestRetainedMs?: number | undefined;
}

/**
 * Readings a steady cadence would have produced strictly inside `(from, to)`:
 * `round((to − from) / cadence) − 1`, never below zero. Rounding absorbs reporting jitter.
 */
export function expectedReadings(from: number, to: number, cadenceMs: number): number {
  if (!(cadenceMs > 0)) return 0;
  return Math.max(0, Math.round((to - from) / cadenceMs) - 1);
}

/**
 * Decides how a gap ended, first rule that applies:
 * 1. `beyond-retention` when the window starts before the earliest retained record (`lost` is
 *    `from` up to that record, or `to`), whatever was recovered from the retained part;
 * 2. `not-in-log` when nothing was recovered;
 * 3. `refilled` when the cadence is unknown or at least `expected` readings were recovered;
 * 4. `partial` otherwise.
 */
export function classifyGap(input: GapOutcomeInput): GapEvent {
  const { serialNumber, partition, from, to, cadenceMs, recovered, earliestRetainedMs } = input;
  const expected = cadenceMs === undefined ? undefined : expectedReadings(from, to, cadenceMs);
  const event: GapEvent = {
    serialNumber,
    partition,
    from: new Date(from),
    to: new Date(to),
    outcome: GapOutcome.Refilled,
    recovered,
  };
  if (expected !== undefined) event.expected = expected;
  if (earliestRetainedMs !== undefined && from < earliestRetainedMs) {
    event.outcome = GapOutcome.BeyondRetention;
    event.lost = { from: new Date(from), to: new Date(Math.min(to, earliestRetainedMs)) };
  } else if (recovered === 0) {
    event.outcome = GapOutcome.NotInLog;
  } else if (expected !== undefined && recovered < expected) {
    event.outcome = GapOutcome.Partial;
  }
  return event;
}
