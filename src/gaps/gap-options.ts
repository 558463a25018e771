import { z } from 'zod';
import { ConfigError } from '../errors/config-error.js';
import { unknownOptionError, type Assert, type Equal } from '../internal/strict-options.js';
import type { GapEvent } from './gap-outcome.js';
import type { GapStateStore } from './gap-state-store.js';

/**
 * The `gaps` option of `createTelemetryConsumer`: per-inverter gap detection, refill from the log
 * and de-duplication. Every field is optional; an unknown field is a compile error and a
 * `ConfigError` when the consumer is created.
 *
 * @example
 * ```ts
 * createTelemetryConsumer({ connection, groupId: 'acme-ingest', gaps: { refill: true, expectedIntervalMs: 300_000 } });
 * ```
 */
export interface GapOptions {
  /**
   * Read detected gaps back from the log and deliver what is found with `source: 'refill'`.
   * Gaps are detected and reported either way.
   * @default false
   */
  refill?: boolean | undefined;
  /**
   * Reporting interval of every inverter, in ms. When absent it is learned per inverter: the
   * median of its last five intervals, trusted after three.
   * @default learned per inverter
   */
  expectedIntervalMs?: number | undefined;
  /**
   * A gap is a jump between two readings of one inverter larger than this × its interval. The
   * default catches a single lost reading (twice the interval) and tolerates ±25 % of jitter.
   * Must be greater than 1.
   * @default 1.5
   */
  toleranceFactor?: number | undefined;
  /**
   * On partition assignment, how far before the committed offset the log is read back to learn
   * each inverter's last reading and interval, in ms. No gap is reported from this read.
   * @default 7_200_000 (2 hours)
   */
  lookbackMs?: number | undefined;
  /**
   * Gaps of one partition whose windows overlap or lie this close (in ms) are refilled by one scan.
   * @default 600_000 (10 minutes)
   */
  mergeWithinMs?: number | undefined;
  /**
   * How long a new refill waits before it starts, in ms, so that gaps found meanwhile merge into
   * it and late readings can close it.
   * @default 120_000 (2 minutes)
   */
  settleMs?: number | undefined;
  /**
   * Refill scans running at once.
   * @default 2
   */
  maxConcurrentScans?: number | undefined;
  /**
   * Refill scans started per second at most.
   * @default 1
   */
  maxScansPerSecond?: number | undefined;
  /**
   * Drop a reading whose (serial number, telemetry time) was already delivered: redeliveries,
   * duplicate publishes, refills and replays overlapping what was delivered.
   * @default true
   */
  dedupe?: boolean | undefined;
  /**
   * Telemetry times remembered per inverter for de-duplication (memory: 8 bytes each), 1 to 64.
   * A reading older than the remembered ones is delivered: when in doubt, nothing is dropped.
   * @default 8
   */
  dedupeDepth?: number | undefined;
  /**
   * Most inverters tracked at once; readings of further ones are delivered but not tracked.
   * @default 1_000_000
   */
  maxTrackedInverters?: number | undefined;
  /**
   * Keeps per-partition state between runs, on top of the lookback read, with the gaps whose
   * refill had not finished when the partition left this consumer (the next owner refills them).
   * @default none: state is rebuilt from the lookback read, and gaps open at close end `unresolved`
   */
  store?: GapStateStore | undefined;
  /**
   * Called with every {@link GapEvent}, as `consumer.gaps()` yields it. Must not throw.
   * @default none
   */
  onGap?: ((event: GapEvent) => void) | undefined;
}

const isStore = (value: unknown): value is GapStateStore =>
  typeof value === 'object' &&
  value !== null &&
  ['load', 'save', 'drop'].every((method) => typeof (value as Record<string, unknown>)[method] === 'function');

const positiveMs = z.number().int().positive();

// Validation and defaults of the fields documented on GapOptions; the compiler keeps the two in step.
const shape = {
  refill: z.boolean().default(false),
  expectedIntervalMs: positiveMs.optional(),
  toleranceFactor: z.number().gt(1).default(1.5),
  lookbackMs: positiveMs.default(7_200_000),
  mergeWithinMs: z.number().int().nonnegative().default(600_000),
  settleMs: z.number().int().nonnegative().default(120_000),
  maxConcurrentScans: z.number().int().positive().default(2),
  maxScansPerSecond: z.number().positive().default(1),
  dedupe: z.boolean().default(true),
  dedupeDepth: z.number().int().min(1).max(64).default(8),
  maxTrackedInverters: z.number().int().positive().default(1_000_000),
  store: z.custom<GapStateStore>(isStore, 'Expected an object with load, save and drop methods').optional(),
  onGap: z.custom<(event: GapEvent) => void>((value) => typeof value === 'function', 'Expected a function').optional(),
};

// The schema with its full zod type, from which the types below are derived; it is published as a
// plain ZodType so that the documentation shows the option interfaces rather than zod internals.
const schema = z.strictObject(shape, { error: unknownOptionError(Object.keys(shape)) });

// An error here means the interface and the schema list different options, or type one differently.
type _GapOptionsMatchSchema = Assert<Equal<GapOptions, z.input<typeof schema>>>;

/** The `gaps` option with defaults applied. */
export type ResolvedGapOptions = z.output<typeof schema>;

/**
 * Validation and defaults of the `gaps` option ({@link GapOptions}): the single source of truth
 * for both. Unknown fields are refused.
 */
export const gapOptionsSchema: z.ZodType<ResolvedGapOptions, GapOptions> = schema;

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
