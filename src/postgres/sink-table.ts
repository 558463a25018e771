import { keyColumns, sinkColumns, type SinkColumn } from './sink-columns.js';

/** Where the sink writes: a table, in a schema or on the search path. */
export interface SinkTable {
  /** The table name. */
  readonly table: string;
  /** The schema it is in. @default the connection's search path (usually `public`) */
  readonly schema?: string | undefined;
}

/** Quotes an SQL identifier: `a"b` → `"a""b"`. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes an SQL string literal: `it's` → `'it''s'`. */
export function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** `"schema"."table"`, or `"table"` when no schema is given. */
export function qualifiedName({ table, schema }: SinkTable): string {
  return schema === undefined ? quoteIdentifier(table) : `${quoteIdentifier(schema)}.${quoteIdentifier(table)}`;
}

const columnDefinition = (column: SinkColumn): string =>
  `${quoteIdentifier(column.name)} ${column.type}${column.key ? ' NOT NULL' : ''}`;

/**
 * The statements that make the table ready, as one script run in one transaction:
 *
 * - the schema and the table, if missing, with the primary key `(serial_number, time)` the upsert
 *   needs;
 * - columns added since the table was created (a release that adds a canonical field), see
 *   `addMissingColumnsSql`;
 * - a TimescaleDB hypertable on `time` when that extension is installed in the database (the
 *   primary key includes `time`, as TimescaleDB requires); a no-op otherwise.
 *
 * A transaction-scoped advisory lock makes sinks that start together wait for each other instead
 * of failing on `CREATE TABLE IF NOT EXISTS` races.
 */
export function ensureTableSql(target: SinkTable): string {
  const name = qualifiedName(target);
  const lockKey = quoteLiteral(`goodwe-kafka:${name}`);
  return [
    'BEGIN',
    `SELECT pg_advisory_xact_lock(hashtext(${lockKey}))`,
    ...(target.schema === undefined ? [] : [`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(target.schema)}`]),
    `CREATE TABLE IF NOT EXISTS ${name} (\n  ${[
      ...sinkColumns.map(columnDefinition),
      `PRIMARY KEY (${keyColumns.map(quoteIdentifier).join(', ')})`,
    ].join(',\n  ')}\n)`,
    addMissingColumnsSql(target),
    hypertableSql(target),
    'COMMIT',
  ].join(';\n');
}

/**
 * Adds the non-key columns the table lacks, as nullable columns, which PostgreSQL adds without
 * rewriting the table. `ALTER TABLE` runs only when one is missing: it takes an exclusive lock,
 * which would otherwise queue every reader behind a long query at each start of a sink.
 */
export function addMissingColumnsSql(target: SinkTable): string {
  const wanted = sinkColumns
    .filter((column) => !column.key)
    .map((column) => `(${quoteLiteral(column.name)}, ${quoteLiteral(column.type)})`)
    .join(',\n      ');
  const name = qualifiedName(target);
  return `DO $gwk$
DECLARE
  missing text;
BEGIN
  SELECT string_agg(format('ADD COLUMN IF NOT EXISTS %I %s', c.name, c.type), ', ')
  INTO missing
  FROM (VALUES
      ${wanted}
    ) AS c(name, type)
  WHERE NOT EXISTS (
    SELECT 1 FROM pg_attribute
    WHERE attrelid = ${quoteLiteral(name)}::regclass AND attname = c.name AND NOT attisdropped
  );
  IF missing IS NOT NULL THEN
    EXECUTE ${quoteLiteral(`ALTER TABLE ${name} `)} || missing;
  END IF;
END
$gwk$`;
}

/**
 * Turns the table into a TimescaleDB hypertable partitioned on `time`, only when the extension is
 * installed; `if_not_exists` makes it a no-op on a hypertable and `migrate_data` moves rows a plain
 * table already holds. The function is looked up only when the branch runs, so the block is valid
 * without TimescaleDB. (Dollar quotes with a tag, so a `$$` in a table name cannot end the block.)
 */
export function hypertableSql(target: SinkTable): string {
  const regclass = quoteLiteral(qualifiedName(target));
  return `DO $gwk$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM create_hypertable(${regclass}::regclass, 'time', if_not_exists => TRUE, migrate_data => TRUE);
  END IF;
END
$gwk$`;
}
