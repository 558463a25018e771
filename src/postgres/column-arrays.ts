import { sinkColumns, type KeyedRecord, type SinkColumn } from './sink-columns.js';

// The batch goes to PostgreSQL as one array literal per column (`{1.5,NULL,3}`), built here rather
// than by node-postgres: numbers, offsets and ISO times need no quoting, so most columns are a
// plain join, where node-postgres would escape every element with a regular expression. Measured
// in docs/postgres.md.

/** A double-quoted array element: `a"b\c` → `"a\"b\\c"`. */
export function quoteElement(text: string): string {
  return `"${text.replace(/[\\"]/g, '\\$&')}"`;
}

/** A PostgreSQL array literal of text: `['a', 'b"']` → `{"a","b\""}`. */
export function textArrayLiteral(items: readonly string[]): string {
  return `{${items.map(quoteElement).join(',')}}`;
}

function element(column: SinkColumn, value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  switch (column.type) {
    case 'double precision':
    case 'integer':
    case 'bigint':
      return String(value);
    case 'timestamptz':
      return Number.isNaN((value as Date).getTime()) ? 'NULL' : (value as Date).toISOString();
    case 'text[]':
      // Sent as text (the literal of the inner array) and cast back in the SELECT: unnest() would
      // flatten an array of arrays.
      return quoteElement(textArrayLiteral(value as readonly string[]));
    default:
      return quoteElement(value as string);
  }
}

/** One array literal per column of `sinkColumns`, each holding that column's value for every record. */
export function columnArrays(records: readonly KeyedRecord[]): string[] {
  return sinkColumns.map((column) => {
    let literal = '{';
    for (let i = 0; i < records.length; i++) {
      if (i > 0) literal += ',';
      literal += element(column, column.value(records[i]!));
    }
    return `${literal}}`;
  });
}
