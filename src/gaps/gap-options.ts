import { z } from 'zod';
import { ConfigError } from '../errors/config-error.js';
import type { GapEvent } from './gap-outcome.js';
import type { GapStateStore } from './gap-state-store.js';

const isStore = (value: unknown): value is GapStateStore =>
  typeof value === 'object' &&
  value !== null &&
  ['load', 'save', 'drop'].every((method) => typeof (value as Record<string, unknown>)[method] === 'function');

const positiveMs = z.number().int().positive();

/**
 * The `gaps` option of `createTelemetryConsumer`: per-inverter gap detection, refill from the log
 * and de-duplication (SPEC section 4). The single source of truth for defaults and validation.
 */
export const gapOptionsSchema = z
  .object({
    /**
     * Read detected gaps back from the log and deliver what is found with `source: 'refill'`.
     * Gaps are detected and reported either way.
     * @default false
     */
    refill: z.boolean().default(false),
    /**
     * Reporting interval of every inverter. When absent it is learned per inverter: the median of
     * its last five intervals, trusted after three.
     */
    expectedIntervalMs: positiveMs.optional(),
    /**
     * A gap is a jump between two readings of one inverter larger than this × its interval. The
     * default catches a single lost reading (twice the interval) and tolerates ±25 % of jitter.
     * @default 1.5
     */
    toleranceFactor: z.number().gt(1).default(1.5),
    /**
     * On partition assignment, how far before the committed offset the log is read back to learn
     * each inverter's last reading and interval. No gap is reported from this read.
     * @default 7_200_000 (2 hours)
     */
    lookbackMs: positiveMs.default(7_200_000),
    /**
     * Gaps of one partition whose windows overlap or lie this close are refilled by one scan.
     * @default 600_000 (10 minutes)
     */
    mergeWithinMs: z.number().int().nonnegative().default(600_000),
    /**
     * How long a new refill waits before it starts, so that gaps found meanwhile merge into it and
     * late readings can close it.
     * @default 120_000 (2 minutes)
     */
    settleMs: z.number().int().nonnegative().default(120_000),
    /** Refill scans running at once. @default 2 */
    maxConcurrentScans: z.number().int().positive().default(2),
    /** Refill scans started per second at most. @default 1 */
    maxScansPerSecond: z.number().positive().default(1),
    /**
     * Drop a reading whose (serial number, telemetry time) was already delivered: redeliveries,
     * duplicate publishes, refills and replays overlapping what was delivered.
     * @default true
     */
    dedupe: z.boolean().default(true),
    /**
     * Telemetry times remembered per inverter for de-duplication (memory: 8 bytes each). A reading
     * older than the remembered ones is delivered: when in doubt, nothing is dropped.
     * @default 8
     */
    dedupeDepth: z.number().int().min(1).max(64).default(8),
    /**
     * Most inverters tracked at once; readings of further ones are delivered but not tracked.
     * @default 1_000_000
     */
    maxTrackedInverters: z.number().int().positive().default(1_000_000),
    /** Keeps per-partition state between runs, on top of the lookback read. */
    store: z.custom<GapStateStore>(isStore, 'Expected an object with load, save and drop methods').optional(),
    /** Called with every {@link GapEvent}, as `consumer.gaps()` yields it. Must not throw. */
    onGap: z
      .custom<(event: GapEvent) => void>((value) => typeof value === 'function', 'Expected a function')
      .optional(),
  })
  .strict();

/** The `gaps` option as callers write it: every field optional. */
export type GapOptions = z.input<typeof gapOptionsSchema>;

/** The `gaps` option with defaults applied. */
export type ResolvedGapOptions = z.output<typeof gapOptionsSchema>;

/**
 * Validates the `gaps` option and applies defaults.
 * @throws ConfigError naming the first invalid field.
 */
export function parseGapOptions(input: GapOptions | undefined): ResolvedGapOptions {
  const result = gapOptionsSchema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = ['gaps', ...(issue?.path ?? []).map(String)].join('.');
  throw new ConfigError(`Invalid option ${path}: ${issue?.message ?? 'invalid value'}`, { cause: result.error });
}
