import { z } from 'zod';
import { unknownOptionError, type Assert, type Equal } from '../internal/strict-options.js';

/**
 * The `catchUp` option of `createTelemetryConsumer`: how a group that is far behind catches up.
 *
 * @example
 * ```ts
 * createTelemetryConsumer({ connection, groupId: 'acme-ingest', catchUp: { mode: 'live-first' } });
 * ```
 */
export interface CatchUpOptions {
  /**
   * `'backlog'` reads on from the committed offset, oldest first. `'live-first'` jumps a partition
   * that is at least `minLagRecords` behind to its end when it is assigned, so fresh records arrive
   * at once, and backfills the skipped range into the same iterator with `source: 'backfill'`.
   * A backfill an earlier run left pending (recorded in the commit metadata) is resumed in either mode.
   * @default 'backlog'
   */
  mode?: 'backlog' | 'live-first' | undefined;
  /**
   * With `'live-first'`, a partition jumps only when this many records or more lie between its
   * committed offset and its end: a restart with a small lag just reads on.
   * @default 10000
   */
  minLagRecords?: number | undefined;
}

const shape = {
  mode: z.enum(['backlog', 'live-first']).default('backlog'),
  minLagRecords: z.number().int().min(1).default(10_000),
};

const schema = z.strictObject(shape, { error: unknownOptionError(Object.keys(shape)) });

// An error here means the interface and the schema list different options, or type one differently.
type _CatchUpOptionsMatchSchema = Assert<Equal<CatchUpOptions, z.input<typeof schema>>>;

/** The `catchUp` option with defaults applied. */
export type ResolvedCatchUpOptions = z.output<typeof schema>;

/** Validation and defaults of the `catchUp` option ({@link CatchUpOptions}). */
export const catchUpOptionsSchema: z.ZodType<ResolvedCatchUpOptions, CatchUpOptions> = schema;
