import type { Writer } from './cli-io.js';

/** One column of a table: its header and how to show a row's cell. */
export interface Column<R> {
  header: string;
  cell: (row: R) => string;
  /** Numbers read best right-aligned. @default 'left' */
  align?: 'left' | 'right';
  /** Fixed width, for tables printed a row at a time (`tail`). @default the widest cell */
  width?: number;
}

const pad = (text: string, width: number, align: 'left' | 'right' = 'left'): string =>
  align === 'right' ? text.padStart(width) : text.padEnd(width);

/** Formats rows as an aligned text table with a header line, columns two spaces apart. */
export function formatTable<R>(columns: readonly Column<R>[], rows: readonly R[]): string {
  const cells = rows.map((row) => columns.map((column) => column.cell(row)));
  const widths = columns.map((column, i) =>
    Math.max(column.header.length, column.width ?? 0, ...cells.map((line) => line[i]!.length)),
  );
  const line = (values: readonly string[]): string =>
    values
      .map((value, i) => pad(value, widths[i]!, columns[i]!.align))
      .join('  ')
      .trimEnd();
  return [line(columns.map((column) => column.header)), ...cells.map(line)].join('\n') + '\n';
}

/** A table printed one row at a time: the header first, then each row as it comes. */
export class StreamingTable<R> {
  readonly #columns: readonly Column<R>[];
  readonly #out: Writer;
  #headerShown = false;

  constructor(out: Writer, columns: readonly Column<R>[]) {
    this.#out = out;
    this.#columns = columns;
  }

  #line(values: readonly string[]): string {
    return values
      .map((value, i) => {
        const column = this.#columns[i]!;
        return pad(value, Math.max(column.width ?? 0, column.header.length), column.align);
      })
      .join('  ')
      .trimEnd();
  }

  /** Prints the header line, once: before the first row, or earlier to show the table has begun. */
  header(): void {
    if (this.#headerShown) return;
    this.#headerShown = true;
    this.#out.write(`${this.#line(this.#columns.map((c) => c.header))}\n`);
  }

  /** Prints a row (and the header before the first). */
  row(row: R): void {
    this.header();
    this.#out.write(`${this.#line(this.#columns.map((c) => c.cell(row)))}\n`);
  }
}

// Dates as ISO-8601, bigints as decimal strings (offsets are 64-bit), Buffers as their text.
function replacer(this: unknown, key: string, value: unknown): unknown {
  const original = (this as Record<string, unknown>)[key];
  if (original instanceof Date) return original.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (original instanceof Uint8Array) return Buffer.from(original).toString('utf8');
  return value;
}

/** One NDJSON line (JSON plus newline): dates as ISO-8601, bigints and buffers as strings. */
export function ndjsonLine(value: unknown): string {
  return `${JSON.stringify(value, replacer)}\n`;
}

/** A time for a table cell: `2026-06-15 08:05:00Z`, or `-` when absent. */
export function showTime(value: Date | number | null | undefined): string {
  if (value === null || value === undefined) return '-';
  const date = value instanceof Date ? value : new Date(value);
  return Number.isFinite(date.getTime())
    ? date
        .toISOString()
        .replace('T', ' ')
        .replace(/\.000Z$/, 'Z')
    : '-';
}

/** A number for a table cell: at most `digits` decimals, `-` when absent. */
export function showNumber(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined) return '-';
  return Number.isInteger(value) ? String(value) : value.toFixed(digits);
}

/** A duration for people: `850 ms`, `12.3 s`, `4 min`, `3.5 h`, `2.0 d`. */
export function showDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 86_400_000) return `${(ms / 3_600_000).toFixed(1)} h`;
  return `${(ms / 86_400_000).toFixed(1)} d`;
}
