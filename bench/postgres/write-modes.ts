// Measures the ways the PostgreSQL sink could write a batch, against a throwaway local server
// (fsync on, as in production), each ending in the sink's ON CONFLICT clause:
//
// - values:   multi-row INSERT ... VALUES, split at the 65535 bind-parameter limit, in one transaction
// - unnest:   one INSERT over unnest() of one array per column, arrays encoded by node-postgres
// - sink:     the same statement as the sink sends it (upsertSql + columnArrays: literals built here)
// - sink, DO NOTHING: the sink's statement with ON CONFLICT DO NOTHING instead of DO UPDATE ... WHERE
// - json:     one INSERT over json_to_recordset() of one JSON document
// - copy:     COPY into a temporary staging table, merged with INSERT ... SELECT (three round trips)
//
//   npm install --prefix bench          # pg-copy-streams, for the copy variant only
//   ROUNDS=9 npx tsx bench/postgres/write-modes.ts [batchSize ...]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { startPostgres } from '../../test/support/postgres-server.js';
import { sinkColumns, type KeyedRecord } from '../../src/postgres/sink-columns.js';
import { ensureTableSql, qualifiedName, quoteIdentifier } from '../../src/postgres/sink-table.js';
import { columnArrays } from '../../src/postgres/column-arrays.js';
import { conflictClause, insertColumnList, insertHead, upsertSql } from '../../src/postgres/upsert-statement.js';
import { telemetryFields } from '../../src/telemetry/telemetry-fields.js';

const MAX_PARAMETERS = 65_535;
const ROUNDS = Number(process.env.ROUNDS ?? 9);

function makeRecords(count: number, seed: number): KeyedRecord[] {
  const start = Date.UTC(2026, 5, 1) + seed * 86_400_000;
  return Array.from({ length: count }, (_, i) => {
    const value: Record<string, unknown> = {
      serialNumber: `5010KETU${String(i % 500).padStart(6, '0')}`,
      time: new Date(start + Math.floor(i / 500) * 300_000),
      quality: i % 50 === 0 ? ['ac1Voltage: 6553.5 is the not-available sentinel'] : [],
    };
    for (const [field, spec] of Object.entries(telemetryFields)) {
      if (spec.kind === 'reading') value[field] = Math.round(Math.random() * 50_000) / 10;
      else if (spec.kind === 'code') value[field] = 1;
      else if (spec.kind === 'text') value[field] = 'GW5000-DNS-30';
      else if (spec.kind === 'alarm') value[field] = 0;
    }
    return {
      value,
      raw: { sn: value.serialNumber, pac: value.acPower, vpv1: value.pv1Voltage, eday: value.energyToday },
      topic: 'GW-ACME',
      partition: i % 6,
      offset: String(1_000_000 + i),
      timestamp: new Date(),
      key: null,
      headers: {},
      source: 'live',
    } as unknown as KeyedRecord;
  });
}

type Variant = (client: pg.Client, records: readonly KeyedRecord[], table: string) => Promise<void>;
const cast = (type: string): string => (type === 'text[]' ? 'text' : type);

const values: Variant = async (client, records, table) => {
  const perRow = sinkColumns.length;
  const rowsPerStatement = Math.floor(MAX_PARAMETERS / perRow);
  await client.query('BEGIN');
  for (let start = 0; start < records.length; start += rowsPerStatement) {
    const chunk = records.slice(start, start + rowsPerStatement);
    const params: unknown[] = [];
    const rows = chunk.map((record) => {
      const placeholders = sinkColumns.map((column) => {
        params.push(column.value(record));
        return `$${params.length}::${column.type}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    await client.query(`${insertHead({ table })}\nVALUES ${rows.join(',\n')}\n${conflictClause()}`, params);
  }
  await client.query('COMMIT');
};

const textArray = (items: readonly string[]): string =>
  `{${items.map((item) => `"${item.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;

const unnest: Variant = async (client, records, table) => {
  const arrays = sinkColumns.map((column) =>
    records.map((record) => {
      const value = column.value(record);
      return column.type === 'text[]' ? textArray(value as string[]) : value;
    }),
  );
  const args = sinkColumns.map((column, i) => `$${i + 1}::${cast(column.type)}[]`).join(', ');
  const select = sinkColumns.map((column, i) => (column.type === 'text[]' ? `c${i}::text[]` : `c${i}`)).join(', ');
  const names = sinkColumns.map((_, i) => `c${i}`).join(', ');
  await client.query(
    `${insertHead({ table })}\nSELECT ${select} FROM unnest(${args}) AS u(${names})\n${conflictClause()}`,
    arrays,
  );
};

const sink: Variant = async (client, records, table) => {
  await client.query(upsertSql({ table }), columnArrays(records));
};

const doNothing = (sql: string): string =>
  sql.replace(conflictClause(), 'ON CONFLICT ("serial_number", "time") DO NOTHING');
const sinkDoNothing: Variant = async (client, records, table) => {
  await client.query(doNothing(upsertSql({ table })), columnArrays(records));
};

const json: Variant = async (client, records, table) => {
  const rows = records.map((record) =>
    Object.fromEntries(
      sinkColumns.map((column) => {
        const value = column.value(record);
        return [column.name, column.type === 'jsonb' ? JSON.parse(value as string) : value];
      }),
    ),
  );
  const definition = sinkColumns.map((column) => `${quoteIdentifier(column.name)} ${column.type}`).join(', ');
  await client.query(
    `${insertHead({ table })}\nSELECT ${insertColumnList()} FROM json_to_recordset($1::json) AS r(${definition})\n${conflictClause()}`,
    [JSON.stringify(rows)],
  );
};

// COPY text format: tab-separated, \N for NULL, backslash escapes.
const copyField = (value: unknown, type: string): string => {
  if (value === null || value === undefined) return '\\N';
  const text =
    value instanceof Date ? value.toISOString() : type === 'text[]' ? textArray(value as string[]) : String(value);
  return text.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);
};

const require = createRequire(import.meta.url);
let copyFrom: ((sql: string) => NodeJS.WritableStream) | undefined;
try {
  copyFrom = (require('pg-copy-streams') as { from: (sql: string) => NodeJS.WritableStream }).from;
} catch {
  copyFrom = undefined;
}

// The staging table lives as long as the connection (ON COMMIT DELETE ROWS), so a batch does not
// create and drop a 70-column table in the catalog; BEGIN and the table, and the merge and COMMIT,
// each go in one simple query: three round trips, the COPY's own included.
const copy: Variant = async (client, records, table) => {
  await client.query(
    `BEGIN; CREATE TEMP TABLE IF NOT EXISTS staging_${table} (LIKE ${quoteIdentifier(table)}) ON COMMIT DELETE ROWS`,
  );
  const lines = records.map(
    (record) => `${sinkColumns.map((column) => copyField(column.value(record), column.type)).join('\t')}\n`,
  );
  const stream = client.query(
    copyFrom!(`COPY staging_${table} (${insertColumnList()}) FROM STDIN`) as never,
  ) as NodeJS.WritableStream;
  await pipeline(Readable.from([lines.join('')]), stream);
  await client.query(
    `${insertHead({ table })}\nSELECT ${insertColumnList()} FROM staging_${table}\n${conflictClause()}; COMMIT`,
  );
};

const variants: Record<string, Variant> = {
  values,
  unnest,
  sink,
  'sink, DO NOTHING': sinkDoNothing,
  json,
  ...(copyFrom ? { copy } : {}),
};

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

// Wall time on a shared machine moves with everyone else's load; CPU time much less. The server
// side is the backend's user + system time from /proc (clock ticks, 100 per second on Linux).
const TICK_MS = 10;
const backendCpuMs = (pid: number): number => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
};
const clientCpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

const sizes = process.argv.slice(2).map(Number);
await using server = await startPostgres({ durable: true });
const client = new pg.Client({ connectionString: server.url });
await client.connect();
const backend = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
console.log(`PostgreSQL ${server.version}, fsync on, ${ROUNDS} rounds. Wall: median ms per batch (records/s).`);
console.log('CPU: mean ms per batch, client + server, new rows and redelivered together.');
console.log('');
console.log('| batch | variant | wall, new rows | wall, redelivered | CPU client + server |');
console.log('|---:|---|---:|---:|---:|');
for (const size of sizes.length > 0 ? sizes : [100, 1000, 5000]) {
  const names = Object.keys(variants);
  const fresh = new Map(names.map((name) => [name, [] as number[]]));
  const again = new Map(names.map((name) => [name, [] as number[]]));
  const cpu = new Map(names.map((name) => [name, { client: [] as number[], server: [] as number[] }]));
  const tableOf = (name: string): string => `bench_${name.replace(/\W+/g, '_')}_${size}`;
  for (const name of names) await client.query(ensureTableSql({ table: tableOf(name) }));
  // Variants take turns within each round, in a rotating order, so that a change in the machine's
  // load (it is shared) weighs on all of them alike rather than on whichever ran during it.
  for (let round = 0; round < ROUNDS; round++) {
    const records = makeRecords(size, round);
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + round) % names.length]!;
      const [client0, server0] = [clientCpuMs(), backendCpuMs(backend)];
      let started = performance.now();
      await variants[name]!(client, records, tableOf(name));
      fresh.get(name)!.push(performance.now() - started);
      started = performance.now();
      await variants[name]!(client, records, tableOf(name));
      again.get(name)!.push(performance.now() - started);
      cpu.get(name)!.client.push(clientCpuMs() - client0);
      cpu.get(name)!.server.push(backendCpuMs(backend) - server0);
    }
  }
  for (const name of names) {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${qualifiedName({ table: tableOf(name) })}`,
    );
    if (rows[0]?.n !== size * ROUNDS) throw new Error(`${name}: ${rows[0]?.n} rows, expected ${size * ROUNDS}`);
    const cell = (ms: number): string => `${ms.toFixed(1)} (${Math.round((size / ms) * 1000).toLocaleString('en')})`;
    const perBatch = (xs: number[]): string => (sum(xs) / (2 * ROUNDS)).toFixed(1);
    const { client: c, server: s } = cpu.get(name)!;
    console.log(
      `| ${size} | ${name} | ${cell(median(fresh.get(name)!))} | ${cell(median(again.get(name)!))} | ${perBatch(c)} + ${perBatch(s)} |`,
    );
  }
}
await client.end();
