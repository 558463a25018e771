import { keyColumns, sinkColumns } from './sink-columns.js';
import { qualifiedName, quoteIdentifier, type SinkTable } from './sink-table.js';

const readingColumns = sinkColumns.filter((column) => !column.key && !column.provenance);
const updatedColumns = sinkColumns.filter((column) => !column.key);

/**
 * `ON CONFLICT (serial_number, time) DO UPDATE ... WHERE <the reading changed>`, for an INSERT
 * whose target has the alias `t`.
 *
 * A redelivered record (after a crash, a rebalance, a refill or a replay) carries the same reading
 * as the row: the `WHERE` finds nothing changed and PostgreSQL writes nothing, as `DO NOTHING`
 * would, so redeliveries cost no new row versions and no WAL. A reading sent again *with different
 * values* (a corrected message) replaces the row, which `DO NOTHING` would silently drop. The Kafka
 * columns are left out of the comparison: they say where the stored values were first read from.
 */
export function conflictClause(): string {
  const quoted = (names: readonly string[]): string => names.map(quoteIdentifier).join(', ');
  const reading = readingColumns.map((column) => quoteIdentifier(column.name));
  return [
    `ON CONFLICT (${quoted(keyColumns)}) DO UPDATE SET`,
    `  ${updatedColumns.map((c) => `${quoteIdentifier(c.name)} = EXCLUDED.${quoteIdentifier(c.name)}`).join(',\n  ')}`,
    `WHERE (${reading.map((name) => `t.${name}`).join(', ')})`,
    `  IS DISTINCT FROM (${reading.map((name) => `EXCLUDED.${name}`).join(', ')})`,
  ].join('\n');
}

/** The INSERT's column list, in `sinkColumns` order. */
export function insertColumnList(): string {
  return sinkColumns.map((column) => quoteIdentifier(column.name)).join(', ');
}

/**
 * Wraps an upsert so that the statement answers how many rows it inserted and how many it updated
 * (`xmax = 0` marks a row version created by an INSERT); unchanged rows are not returned at all.
 */
export function countedUpsert(insert: string): string {
  return `WITH upserted AS (\n${insert}\nRETURNING (xmax = 0) AS inserted\n)
SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM upserted`;
}

/** `INSERT INTO <table> AS t (<columns>)`. */
export function insertHead(target: SinkTable): string {
  return `INSERT INTO ${qualifiedName(target)} AS t (${insertColumnList()})`;
}

/** The array type a column's values travel in: `text[]` columns as text, see `columnArrays`. */
const arrayType = (type: string): string => (type === 'text[]' ? 'text[]' : `${type}[]`);

/**
 * The sink's write: one INSERT of every row of a batch from `unnest()` over one array parameter per
 * column, then the `ON CONFLICT` clause of `conflictClause()`, answering how many rows it inserted and updated.
 *
 * One statement, so one round trip and one transaction (it is atomic on its own: all rows or none),
 * and always the same number of parameters (one per column), far below PostgreSQL's limit of 65535
 * bind parameters however large the batch is.
 */
export function upsertSql(target: SinkTable): string {
  const names = sinkColumns.map((_, i) => `c${i}`);
  const args = sinkColumns.map((column, i) => `$${i + 1}::${arrayType(column.type)}`);
  const select = sinkColumns.map((column, i) => (column.type === 'text[]' ? `${names[i]}::text[]` : names[i]));
  return countedUpsert(
    `${insertHead(target)}\nSELECT ${select.join(', ')}\nFROM unnest(${args.join(', ')}) AS u(${names.join(', ')})\n${conflictClause()}`,
  );
}
