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

const NULL = 'NULL';

/** How one column's values become elements of its array literal. */
function elementOf(column: SinkColumn): (value: unknown) => unknown {
  switch (column.type) {
    case 'double precision':
    case 'integer':
    case 'bigint':
      // Numbers and decimal offsets are valid elements as they are: Array#join turns them to text.
      return (value) => value ?? NULL;
    case 'timestamptz':
      return (value) =>
        value === null || value === undefined || Number.isNaN((value as Date).getTime())
          ? NULL
          : (value as Date).toISOString();
    case 'text[]':
      // Sent as text (the literal of the inner array) and cast back in the SELECT: unnest() would
      // flatten an array of arrays.
      return (value) =>
        value === null || value === undefined ? NULL : quoteElement(textArrayLiteral(value as readonly string[]));
    default:
      return (value) => (value === null || value === undefined ? NULL : quoteElement(value as string));
  }
}

/** One array literal per column of `sinkColumns`, each holding that column's value for every record. */
export function columnArrays(records: readonly KeyedRecord[]): string[] {
  const elements = new Array<unknown>(records.length);
  return sinkColumns.map((column) => {
    const element = elementOf(column);
    for (let i = 0; i < records.length; i++) elements[i] = element(column.value(records[i]!));
    return `{${elements.join(',')}}`;
  });
}
