import { describe, expect, it } from 'vitest';
import { columnArrays, textArrayLiteral } from '../../../src/postgres/column-arrays.js';
import { sinkColumns, type KeyedRecord } from '../../../src/postgres/sink-columns.js';
import {
  addMissingColumnsSql,
  ensureTableSql,
  hypertableSql,
  qualifiedName,
} from '../../../src/postgres/sink-table.js';
import { conflictClause, upsertSql } from '../../../src/postgres/upsert-statement.js';

const record = (value: Record<string, unknown>, raw: Record<string, unknown> = {}): KeyedRecord =>
  ({
    value: { serialNumber: 'SN1', time: new Date('2026-06-15T08:05:00Z'), quality: [], ...value },
    raw,
    topic: 'GW-ACME',
    partition: 0,
    offset: '17',
    timestamp: new Date('2026-06-15T08:05:01Z'),
    key: null,
    headers: {},
    source: 'live',
  }) as KeyedRecord;

const arrayOf = (name: string, records: KeyedRecord[]): string =>
  columnArrays(records)[sinkColumns.findIndex((c) => c.name === name)]!;

describe('sink table SQL', () => {
  it('quotes identifiers, so any table or schema name addresses exactly that table', () => {
    expect(qualifiedName({ table: 'inverter_telemetry' })).toBe('"inverter_telemetry"');
    expect(qualifiedName({ table: 'My "Table"', schema: 'acme' })).toBe('"acme"."My ""Table"""');
  });

  it('creates the table with a column per sink column and the primary key (serial_number, time)', () => {
    const sql = ensureTableSql({ table: 'readings', schema: 'acme' });
    expect(sql).toContain('CREATE SCHEMA IF NOT EXISTS "acme"');
    expect(sql).toContain('CREATE TABLE IF NOT EXISTS "acme"."readings"');
    expect(sql).toContain('"serial_number" text NOT NULL');
    expect(sql).toContain('"time" timestamptz NOT NULL');
    expect(sql).toContain('"raw" jsonb');
    expect(sql).toContain('PRIMARY KEY ("serial_number", "time")');
    for (const column of sinkColumns) expect(sql).toContain(`"${column.name}" ${column.type}`);
  });

  it('checks every non-key column and alters the table only when one is missing', () => {
    const sql = addMissingColumnsSql({ table: 'readings', schema: 'acme' });
    const checked = [...sql.matchAll(/\('([a-z0-9_]+)', '([a-z ]+(?:\[\])?)'\)/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(checked).toEqual(sinkColumns.filter((c) => !c.key).map((c) => `${c.name} ${c.type}`));
    expect(sql).toContain(`WHERE attrelid = '"acme"."readings"'::regclass AND attname = c.name AND NOT attisdropped`);
    expect(sql).toContain(`IF missing IS NOT NULL THEN\n    EXECUTE 'ALTER TABLE "acme"."readings" ' || missing;`);
    expect(ensureTableSql({ table: 'readings', schema: 'acme' })).toContain(sql);
  });

  it('leaves the schema alone when none is given (the search path decides)', () => {
    expect(ensureTableSql({ table: 'readings' })).not.toContain('CREATE SCHEMA');
  });

  it('serialises table creation between sinks with an advisory lock inside the transaction', () => {
    const statements = ensureTableSql({ table: 'readings' }).split(';\n');
    expect(statements[0]).toBe('BEGIN');
    expect(statements[1]).toMatch(/^SELECT pg_advisory_xact_lock\(hashtext\('goodwe-kafka:"readings"'\)\)$/);
    expect(statements.at(-1)).toBe('COMMIT');
  });

  it('makes a TimescaleDB hypertable on time only when the extension is installed', () => {
    const sql = hypertableSql({ table: 'readings', schema: 'acme' });
    expect(sql).toContain("IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN");
    expect(sql).toContain(
      `PERFORM create_hypertable('"acme"."readings"'::regclass, 'time', if_not_exists => TRUE, migrate_data => TRUE);`,
    );
    expect(ensureTableSql({ table: 'readings', schema: 'acme' })).toContain(sql);
  });

  it('escapes a quote in the table name inside the hypertable literal', () => {
    expect(hypertableSql({ table: "it's" })).toContain(`'"it''s"'::regclass`);
  });
});

describe('sink upsert SQL', () => {
  it('takes one array parameter per column, however many rows the batch has', () => {
    const sql = upsertSql({ table: 'readings' });
    const parameters = new Set(sql.match(/\$\d+/g));
    expect(parameters.size).toBe(sinkColumns.length);
    expect(sql).toContain('FROM unnest($1::text[], $2::timestamptz[]');
  });

  it('upserts on (serial_number, time) and counts inserted and updated rows', () => {
    const sql = upsertSql({ table: 'readings' });
    expect(sql).toContain('ON CONFLICT ("serial_number", "time") DO UPDATE SET');
    expect(sql).toContain('RETURNING (xmax = 0) AS inserted');
  });

  it('updates a row only when its reading changed, ignoring where in Kafka it was read', () => {
    const clause = conflictClause();
    const where = clause.slice(clause.indexOf('WHERE'));
    expect(where).toContain('t."ac_power"');
    expect(where).toContain('EXCLUDED."raw"');
    expect(where).not.toContain('kafka_');
    expect(where).not.toContain('"serial_number"');
    expect(clause).toContain('"kafka_offset" = EXCLUDED."kafka_offset"');
  });
});

describe('sink column arrays', () => {
  it('writes numbers, times and offsets bare and NULL for missing values', () => {
    const records = [record({ acPower: 3120.5 }), record({ acPower: null })];
    expect(arrayOf('ac_power', records)).toBe('{3120.5,NULL}');
    expect(arrayOf('time', records)).toBe('{2026-06-15T08:05:00.000Z,2026-06-15T08:05:00.000Z}');
    expect(arrayOf('kafka_offset', records)).toBe('{17,17}');
  });

  it('quotes text, escaping quotes and backslashes, so commas, braces and "NULL" stay text', () => {
    expect(arrayOf('model', [record({ model: 'a,"b"\\{c}' }), record({ model: 'NULL' })])).toBe(
      '{"a,\\"b\\"\\\\{c}","NULL"}',
    );
  });

  it('sends quality as the text of an inner array literal, which unnest() does not flatten', () => {
    expect(textArrayLiteral(['x "y"', 'z'])).toBe('{"x \\"y\\"","z"}');
    expect(arrayOf('quality', [record({ quality: ['a'] }), record({})])).toBe('{"{\\"a\\"}","{}"}');
  });

  it('sends raw as JSON text', () => {
    expect(arrayOf('raw', [record({}, { sn: 'SN1', pac: 5 })])).toBe('{"{\\"sn\\":\\"SN1\\",\\"pac\\":5}"}');
  });
});
