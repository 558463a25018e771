import pg from 'pg';
import { ClosedError } from '../errors/closed-error.js';
import { silentLogger, type Logger } from '../internal/logger.js';
import { classifyPostgresError, sqlStateOf } from './classify-postgres-error.js';
import { columnArrays } from './column-arrays.js';
import { keyedBatch } from './keyed-batch.js';
import { parsePostgresSinkOptions, type PostgresPool, type PostgresSinkOptionsInput } from './postgres-sink-options.js';
import type { SinkRecord } from './sink-columns.js';
import { ensureTableSql, qualifiedName } from './sink-table.js';
import { upsertSql } from './upsert-statement.js';
import { toSinkError } from './to-sink-error.js';
import { RetryFailure, sleep, withRetry } from './write-retry.js';
import type { BatchSource, PostgresSink, RunOptions, SinkRunSummary, SinkWriteResult } from './postgres-sink.js';

/** The `application_name` of the sink's own connections, as `pg_stat_activity` shows them. */
export const SINK_APPLICATION_NAME = 'goodwe-kafka-postgres-sink';

/** Rejects with `signal.reason` as soon as the signal aborts, whatever `promise` does. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

const combine = (...signals: (AbortSignal | undefined)[]): AbortSignal | undefined => {
  const present = signals.filter((s): s is AbortSignal => s !== undefined);
  return present.length <= 1 ? present[0] : AbortSignal.any(present);
};

/**
 * Creates a PostgreSQL sink: it writes batches of telemetry records to one table, one row per
 * inverter and reading time, idempotently, so that a batch delivered twice leaves the table as
 * one delivery would. Feed it from `consumer.batches()`, whose offsets are committed only after
 * the write resolved, that is after the database committed.
 *
 * @example
 * ```ts
 * import { connectionFromEnv, createTelemetryConsumer } from 'goodwe-kafka';
 * import { createPostgresSink } from 'goodwe-kafka/postgres';
 *
 * await using sink = createPostgresSink({ connectionString: process.env.DATABASE_URL });
 * await using consumer = createTelemetryConsumer({ connection: connectionFromEnv(), groupId: 'acme-ingest' });
 * for await (const batch of consumer.batches({ maxRecords: 1000, maxWaitMs: 1000 })) {
 *   await sink.write(batch); // the batch's offsets are committed once this resolved
 * }
 * ```
 */
export function createPostgresSink(options: PostgresSinkOptionsInput): PostgresSink {
  const config = parsePostgresSinkOptions(options);
  const logger: Logger = config.logger ?? silentLogger;
  const target = { table: config.table, schema: config.schema };
  const table = qualifiedName(target);
  const statement = upsertSql(target);
  const ownPool =
    config.pool === undefined
      ? new pg.Pool({ connectionString: config.connectionString, application_name: SINK_APPLICATION_NAME, max: 4 })
      : undefined;
  // An idle connection that the server drops (restart, pg_terminate_backend) is reported on the
  // pool; unheard, that event would crash the process. The next write gets a fresh connection.
  ownPool?.on('error', (error) =>
    logger.warn({ table, error: error.message }, 'PostgreSQL dropped an idle connection'),
  );
  const pool: PostgresPool = config.pool ?? ownPool!;
  let tableReady: Promise<void> | undefined;
  let closed: Promise<void> | undefined;

  const retried = async <T>(what: string, signal: AbortSignal | undefined, run: () => Promise<T>) => {
    try {
      return await withRetry(() => untilAborted(run(), signal), {
        policy: config.retry,
        classify: classifyPostgresError,
        sleep,
        signal,
        onRetry: (error, attempt, delayMs) =>
          logger.warn(
            {
              table,
              attempt,
              delayMs,
              sqlState: sqlStateOf(error),
              error: error instanceof Error ? error.message : String(error),
            },
            `${what} failed, retrying`,
          ),
      });
    } catch (error) {
      throw error instanceof RetryFailure ? toSinkError(error, what) : error;
    }
  };

  const checkOpen = (): void => {
    if (closed) throw new ClosedError(`The PostgreSQL sink for ${table} is closed; create a new one.`);
  };

  const prepareTable = (signal: AbortSignal | undefined): Promise<void> =>
    retried(`Preparing table ${table}`, signal, () => pool.query(ensureTableSql(target))).then(() => undefined);

  const ensureTable = async ({ signal }: { signal?: AbortSignal } = {}): Promise<void> => {
    checkOpen();
    await prepareTable(combine(config.signal, signal));
    tableReady = Promise.resolve(); // writes need not prepare it again
  };

  const write = async (
    records: readonly SinkRecord[],
    { signal }: { signal?: AbortSignal } = {},
  ): Promise<SinkWriteResult> => {
    checkOpen();
    const combined = combine(config.signal, signal);
    combined?.throwIfAborted();
    const batch = keyedBatch(records);
    const result = {
      inserted: 0,
      updated: 0,
      unchanged: 0,
      skipped: batch.skipped,
      duplicates: batch.duplicates,
      attempts: 0,
    };
    if (batch.rows.length === 0) return result;
    if (config.createTable) {
      tableReady ??= prepareTable(combined).catch((error: unknown) => {
        tableReady = undefined; // the next write tries again
        throw error;
      });
      await tableReady;
    }
    const params = columnArrays(batch.rows);
    const { result: answer, attempts } = await retried(
      `PostgreSQL write of ${batch.rows.length} rows to ${table}`,
      combined,
      () => pool.query(statement, params),
    );
    const counts = answer.rows[0] as { inserted: number; updated: number } | undefined;
    const inserted = counts?.inserted ?? 0;
    const updated = counts?.updated ?? 0;
    return { ...result, inserted, updated, unchanged: batch.rows.length - inserted - updated, attempts };
  };

  const run = async (source: BatchSource, { signal, ...batchOptions }: RunOptions): Promise<SinkRunSummary> => {
    checkOpen();
    const combined = combine(config.signal, signal);
    combined?.throwIfAborted();
    const summary = { batches: 0, records: 0, inserted: 0, updated: 0, unchanged: 0, skipped: 0, duplicates: 0 };
    for await (const batch of source.batches(batchOptions)) {
      // Leaving the loop by an error ends the iteration: the batch is not committed to Kafka.
      const written = await write(batch, combined ? { signal: combined } : {});
      summary.batches++;
      summary.records += batch.length;
      summary.inserted += written.inserted;
      summary.updated += written.updated;
      summary.unchanged += written.unchanged;
      summary.skipped += written.skipped;
      summary.duplicates += written.duplicates;
      // An abort is seen by the next write, which rejects: a batch handed over after it must end
      // the loop with an error, since leaving by `break` would commit it unwritten.
    }
    return summary;
  };

  const close = (): Promise<void> => (closed ??= ownPool ? ownPool.end() : Promise.resolve());

  return {
    table,
    write,
    ensureTable,
    run,
    close,
    [Symbol.asyncDispose]: close,
  };
}
