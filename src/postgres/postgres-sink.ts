import type { BatchOptions } from '../consumer/batch-options.js';
import type { SinkRecord } from './sink-columns.js';

/** How one `write()` went. Every record of the batch is accounted for in exactly one count. */
export interface SinkWriteResult {
  /** New rows. */
  readonly inserted: number;
  /** Existing rows whose reading changed (a corrected message), replaced. */
  readonly updated: number;
  /** Rows already stored with the same reading (a redelivery): nothing was written for them. */
  readonly unchanged: number;
  /** Records with no row: invalid (`onInvalid: 'yield'`) or without a telemetry time. */
  readonly skipped: number;
  /** Records whose (serial number, time) came again later in the same batch; the later one is written. */
  readonly duplicates: number;
  /** Tries the write took: 1 unless a transient error was retried; 0 when there was nothing to write. */
  readonly attempts: number;
}

/** What `sink.run()` reads from: a `TelemetryConsumer`, or anything with its `batches()`. */
export interface BatchSource {
  /** Record batches whose offsets are committed only after the body that received them finished. */
  batches(options: BatchOptions): AsyncIterable<readonly SinkRecord[]>;
}

/** Options of `sink.run()`: the batch sizes, and a signal that stops it. */
export interface RunOptions extends BatchOptions {
  /**
   * Stops `run()`: it rejects with `signal.reason`, and a batch handed over after the abort is
   * neither written nor (since the loop ends with an error) committed to Kafka. Give the consumer
   * the same signal, so that a wait for the next batch ends too: the loop then ends and `run()`
   * resolves.
   */
  readonly signal?: AbortSignal;
}

/** Totals of a `sink.run()`. */
export interface SinkRunSummary {
  /** Batches written. */
  readonly batches: number;
  /** Records received in those batches. */
  readonly records: number;
  /** Rows that were new. */
  readonly inserted: number;
  /** Rows that existed with other values (a corrected reading) and were replaced. */
  readonly updated: number;
  /** Rows that existed with the same values (a redelivery) and were left alone. */
  readonly unchanged: number;
  /** Records that could not be written (invalid records, or readings without a time). */
  readonly skipped: number;
  /** Records of a batch with the same key as a later one in the same batch (the later one is written). */
  readonly duplicates: number;
}

/**
 * Writes telemetry records to a PostgreSQL table, idempotently: one row per (serial number, time),
 * so a batch delivered twice leaves the table as one delivery would. Created by `createPostgresSink`.
 */
export interface PostgresSink extends AsyncDisposable {
  /** The table written to, quoted and schema-qualified as in SQL: `"public"."inverter_telemetry"`. */
  readonly table: string;
  /**
   * Writes a batch in one statement: all of it is stored, or none of it. Resolves once the database
   * committed it, so a batch from `consumer.batches()` is committed to Kafka only after that.
   * Transient failures (connection lost, server restarting, deadlock, too many connections) are
   * retried with backoff; a write that still fails rejects with a `SinkError`. The first write
   * creates the table unless `createTable` is `false`.
   */
  write(records: readonly SinkRecord[], options?: { signal?: AbortSignal }): Promise<SinkWriteResult>;
  /**
   * Creates the table if it is missing and adds the columns it lacks (never drops or changes
   * one); makes it a TimescaleDB hypertable when that extension is installed.
   */
  ensureTable(options?: { signal?: AbortSignal }): Promise<void>;
  /**
   * Writes every batch of `source.batches(options)` until the source ends (resolves with the
   * totals), `signal` aborts, or a write fails (rejects; the batch in hand is then not committed,
   * and is delivered again on the next start).
   *
   * @example
   * ```ts
   * const stop = new AbortController();
   * process.once('SIGTERM', () => stop.abort());
   * await using consumer = createTelemetryConsumer({ connection: connectionFromEnv(), groupId: 'acme', signal: stop.signal });
   * await using sink = createPostgresSink({ connectionString: process.env.DATABASE_URL });
   * await sink.run(consumer, { maxRecords: 1000, maxWaitMs: 1000, signal: stop.signal });
   * ```
   */
  run(source: BatchSource, options: RunOptions): Promise<SinkRunSummary>;
  /** Closes the connections the sink opened (a `pool` you passed stays open). Idempotent. */
  close(): Promise<void>;
}
