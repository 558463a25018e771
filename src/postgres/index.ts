// goodwe-kafka/postgres: the PostgreSQL sink. The only part of the package that imports `pg`,
// an optional peer dependency: install it to use this entry point.

export { createPostgresSink, SINK_APPLICATION_NAME } from './create-postgres-sink.js';
export type { BatchOptions } from '../consumer/batch-options.js';
export type { BatchSource, PostgresSink, RunOptions, SinkRunSummary, SinkWriteResult } from './postgres-sink.js';
export { postgresSinkOptionsSchema, sinkRetrySchema } from './postgres-sink-options.js';
export type { PostgresPool, PostgresSinkOptions, PostgresSinkOptionsInput } from './postgres-sink-options.js';
export { sinkColumns, keyColumns } from './sink-columns.js';
export type { KeyedRecord, SinkColumn, SinkColumnType, SinkRecord } from './sink-columns.js';
export { ensureTableSql } from './sink-table.js';
export type { SinkTable } from './sink-table.js';
export { upsertSql } from './upsert-statement.js';
export { SinkError } from '../errors/sink-error.js';
export type { SinkErrorCode, SinkErrorOptions } from '../errors/sink-error.js';
