import { z } from 'zod';
import { ConfigError } from '../errors/config-error.js';
import type { Logger } from '../internal/logger.js';

/**
 * What the sink needs of a connection pool: `pg.Pool` fits (and so does `pg.Client`), as does any
 * object whose `query(text, values)` resolves with `{ rows }` like node-postgres.
 */
export interface PostgresPool {
  /** Runs one statement with its parameters. */
  query(
    text: string,
    values?: unknown[],
  ): Promise<{
    /** The rows the statement returned. */
    rows: unknown[];
  }>;
}

// PostgreSQL truncates identifiers to 63 bytes: a longer name would silently address another table.
const identifier = z
  .string()
  .min(1)
  .refine((name) => Buffer.byteLength(name) <= 63, 'must be at most 63 bytes (PostgreSQL truncates longer names)');

const isPool = (value: unknown): value is PostgresPool =>
  typeof value === 'object' && value !== null && typeof (value as PostgresPool).query === 'function';

/** The `retry` option of `createPostgresSink`. */
export const sinkRetrySchema = z
  .object({
    /** Tries per write in all, the first one included; 1 turns retrying off. @default 10 */
    maxAttempts: z.number().int().min(1).default(10),
    /** Wait before the second try, in ms; it doubles at every further try. @default 250 */
    initialDelayMs: z.number().int().min(0).default(250),
    /** Longest wait between two tries, in ms. @default 30000 */
    maxDelayMs: z.number().int().min(0).default(30_000),
  })
  .strict();

/** The options of `createPostgresSink`, validated when the sink is created. */
export const postgresSinkOptionsSchema = z
  .object({
    /** `postgres://user:password@host:5432/database?sslmode=...`; the sink opens and closes its own pool. */
    connectionString: z.string().min(1).optional(),
    /** A pool you own (`new pg.Pool(...)`); the sink uses it and leaves it open on `close()`. */
    pool: z
      .custom<PostgresPool>(isPool, 'Expected a pg.Pool or an object with a query(text, values) method')
      .optional(),
    /** The table to write to. @default 'inverter_telemetry' */
    table: identifier.default('inverter_telemetry'),
    /** The schema of the table. @default the connection's search path (usually `public`) */
    schema: identifier.optional(),
    /**
     * Create the table (and the schema), and add columns it lacks, before the first write. Off when
     * the table is managed elsewhere; `ensureTable()` still does it when called.
     * @default true
     */
    createTable: z.boolean().default(true),
    /** How writes that failed for a transient reason are retried. */
    retry: sinkRetrySchema.default({ maxAttempts: 10, initialDelayMs: 250, maxDelayMs: 30_000 }),
    /** Where the sink logs retries and dropped connections (pino-compatible). @default silent */
    logger: z.custom<Logger>((v) => typeof v === 'object' && v !== null && 'warn' in v).optional(),
    /** Aborts every write and `run()`: they reject with `signal.reason`. */
    signal: z.custom<AbortSignal>((v) => v instanceof AbortSignal).optional(),
  })
  .strict()
  .refine((o) => (o.connectionString === undefined) !== (o.pool === undefined), {
    message: 'give either connectionString or pool (exactly one)',
    path: ['connectionString'],
  });

/** Options of `createPostgresSink` as callers write them. */
export type PostgresSinkOptionsInput = z.input<typeof postgresSinkOptionsSchema>;
/** Options with defaults applied. */
export type PostgresSinkOptions = z.output<typeof postgresSinkOptionsSchema>;

/** Validates sink options; a problem is a `ConfigError` naming the option (never its value). */
export function parsePostgresSinkOptions(options: PostgresSinkOptionsInput): PostgresSinkOptions {
  const parsed = postgresSinkOptionsSchema.safeParse(options);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.join('.') || 'options';
  throw new ConfigError(`Invalid PostgreSQL sink option ${path}: ${issue?.message ?? 'invalid value'}.`, {
    cause: parsed.error,
  });
}
