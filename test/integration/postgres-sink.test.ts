import { afterEach, describe, expect, it } from 'vitest';
import type { TelemetryRecord } from '../../src/records/telemetry-record.js';
import type { LogFields, Logger } from '../../src/internal/logger.js';
import { createPostgresSink, SINK_APPLICATION_NAME, sinkColumns } from '../../src/postgres/index.js';
import type { InverterTelemetry } from '../../src/telemetry/inverter-telemetry-schema.js';
import { telemetryFields } from '../../src/telemetry/telemetry-fields.js';
import { createSchema, postgresUrl, withClient } from '../support/postgres.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A sink writing to a fresh schema of its own, closed and dropped after the test. */
async function freshSink(options: Partial<Parameters<typeof createPostgresSink>[0]> = {}) {
  const { schema, drop } = await createSchema();
  cleanups.push(drop);
  const sink = createPostgresSink({ connectionString: postgresUrl(), schema, ...options } as never);
  cleanups.push(() => sink.close());
  return { sink, schema, table: `${schema}.inverter_telemetry` };
}

const start = Date.UTC(2026, 5, 15, 6, 0);

/** A reading with every canonical field set, so that every column is exercised. */
function reading(serialNumber: string, minute: number): InverterTelemetry {
  const value: Record<string, unknown> = {
    serialNumber,
    time: new Date(start + minute * 60_000),
    quality: minute % 2 === 0 ? [] : ['ac1Voltage: 6553.5 is the not-available sentinel', 'quote " and \\ and {}'],
  };
  let n = minute;
  for (const [field, spec] of Object.entries(telemetryFields)) {
    n += 1;
    if (spec.kind === 'reading') value[field] = n % 7 === 0 ? null : n + 0.25;
    else if (spec.kind === 'code') value[field] = n % 3;
    else if (spec.kind === 'text') value[field] = `text, "quoted" {${n}}`;
    else if (spec.kind === 'alarm') value[field] = n % 2 === 0 ? 'Utility Loss' : 1024;
  }
  return value as InverterTelemetry;
}

function record(value: InverterTelemetry, offset: number): TelemetryRecord<InverterTelemetry> {
  return {
    value,
    raw: { sn: value.serialNumber, pac: value.acPower, extra: { nested: [1, 'two'] } },
    topic: 'GW-ACME',
    partition: offset % 3,
    offset: String(9_007_199_254_740_000 + offset),
    timestamp: new Date(start + offset * 1000),
    key: value.serialNumber,
    headers: {},
    source: 'live',
  };
}

function batch(inverters: number, readings: number, firstOffset = 0): TelemetryRecord<InverterTelemetry>[] {
  const records: TelemetryRecord<InverterTelemetry>[] = [];
  for (let minute = 0; minute < readings; minute++) {
    for (let i = 0; i < inverters; i++) {
      records.push(record(reading(`5010KETU${String(i).padStart(6, '0')}`, minute * 5), firstOffset + records.length));
    }
  }
  return records;
}

const rows = (table: string): Promise<Record<string, unknown>[]> =>
  withClient(async (client) => (await client.query(`SELECT * FROM ${table} ORDER BY serial_number, time`)).rows);
const count = (table: string): Promise<number> =>
  withClient(
    async (client) => (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n,
  );

/** A logger that keeps its warnings. */
function memoryLogger(): Logger & { warnings: [LogFields, string][] } {
  const warnings: [LogFields, string][] = [];
  const ignore = (): void => undefined;
  return {
    debug: ignore,
    info: ignore,
    error: ignore,
    warn: (fields, message) => warnings.push([fields, message]),
    warnings,
  };
}

describe.skipIf(!postgresUrl())('the PostgreSQL sink, against a real PostgreSQL', () => {
  it('creates the table with a column per canonical field, the Kafka columns and the key (serial_number, time)', async () => {
    const { sink, schema } = await freshSink();
    await sink.ensureTable();
    const columns = await withClient(async (client) => {
      const result = await client.query<{ column_name: string; udt_name: string; is_nullable: string }>(
        `SELECT column_name, udt_name, is_nullable FROM information_schema.columns
         WHERE table_schema = $1 AND table_name = 'inverter_telemetry' ORDER BY ordinal_position`,
        [schema],
      );
      return result.rows;
    });
    const udt = {
      text: 'text',
      timestamptz: 'timestamptz',
      integer: 'int4',
      'double precision': 'float8',
      bigint: 'int8',
      'text[]': '_text',
      jsonb: 'jsonb',
    };
    expect(columns).toEqual(
      sinkColumns.map((c) => ({ column_name: c.name, udt_name: udt[c.type], is_nullable: c.key ? 'NO' : 'YES' })),
    );
    expect(columns.map((c) => c.column_name)).toEqual(
      expect.arrayContaining(['ac_power', 'pv1_voltage', 'string16_current', 'raw', 'kafka_offset']),
    );
    const key = await withClient(async (client) => {
      const result = await client.query<{ attname: string }>(
        `SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
         WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)`,
        [`${schema}.inverter_telemetry`],
      );
      return result.rows.map((r) => r.attname);
    });
    expect(key).toEqual(['serial_number', 'time']);
  });

  it('creates a schema that does not exist yet', async () => {
    const schema = `sink_new_${Date.now()}`;
    cleanups.push(() =>
      withClient((client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)).then(() => undefined),
    );
    const sink = createPostgresSink({ connectionString: postgresUrl(), schema });
    cleanups.push(() => sink.close());
    expect(await sink.write(batch(1, 1))).toMatchObject({ inserted: 1 });
    expect(await count(`${schema}.inverter_telemetry`)).toBe(1);
  });

  it('makes a plain table when TimescaleDB is not installed', async () => {
    const { sink, table } = await freshSink();
    await sink.ensureTable();
    await sink.ensureTable(); // a second sink starting on the same table changes nothing
    const { kind, timescale } = await withClient(async (client) => ({
      kind: (await client.query<{ relkind: string }>(`SELECT relkind FROM pg_class WHERE oid = $1::regclass`, [table]))
        .rows[0]?.relkind,
      timescale: (await client.query(`SELECT 1 FROM pg_extension WHERE extname = 'timescaledb'`)).rowCount,
    }));
    expect(timescale).toBe(0);
    expect(kind).toBe('r');
  });

  it('writes a batch and reads back exactly what it was given', async () => {
    const { sink, table } = await freshSink();
    const records = batch(2, 2);
    expect(await sink.write(records)).toEqual({
      inserted: 4,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      duplicates: 0,
      attempts: 1,
    });
    const stored = await rows(table);
    expect(stored).toHaveLength(4);
    const expected = [...records].sort((a, b) =>
      a.value.serialNumber === b.value.serialNumber
        ? a.value.time!.getTime() - b.value.time!.getTime()
        : a.value.serialNumber < b.value.serialNumber
          ? -1
          : 1,
    );
    stored.forEach((row, i) => {
      const source = expected[i]!;
      for (const [field, spec] of Object.entries(telemetryFields)) {
        const value = source.value[field as keyof InverterTelemetry];
        const column = field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
        expect(row[column], column).toEqual(spec.kind === 'alarm' && value !== null ? String(value) : (value ?? null));
      }
      expect(row.quality).toEqual(source.value.quality);
      expect(row.raw).toEqual(source.raw);
      expect(row).toMatchObject({
        kafka_topic: 'GW-ACME',
        kafka_partition: source.partition,
        kafka_offset: source.offset, // int8 comes back as a string: no precision lost
        kafka_timestamp: source.timestamp,
      });
    });
  });

  it('leaves the table unchanged when the same batch is delivered again', async () => {
    const { sink, table } = await freshSink();
    const records = batch(3, 4);
    await sink.write(records);
    const before = await withClient(
      async (client) => (await client.query(`SELECT xmin, * FROM ${table} ORDER BY serial_number, time`)).rows,
    );
    expect(await sink.write(records)).toMatchObject({ inserted: 0, updated: 0, unchanged: 12 });
    // Same row versions (xmin): the redelivery wrote nothing at all.
    const after = await withClient(
      async (client) => (await client.query(`SELECT xmin, * FROM ${table} ORDER BY serial_number, time`)).rows,
    );
    expect(after).toEqual(before);
  });

  it('replaces a row when a reading comes again with different values', async () => {
    const { sink, table } = await freshSink();
    const [first] = batch(1, 1);
    await sink.write([first!]);
    const corrected = record({ ...first!.value, acPower: 4242 }, 500);
    expect(await sink.write([corrected])).toMatchObject({ inserted: 0, updated: 1, unchanged: 0 });
    expect(await rows(table)).toMatchObject([{ ac_power: 4242, kafka_offset: corrected.offset }]);
  });

  it('writes a reading repeated inside one batch once, from the later record', async () => {
    const { sink, table } = await freshSink();
    const [first] = batch(1, 1);
    const again = record({ ...first!.value, acPower: 7 }, 99);
    expect(await sink.write([first!, again])).toMatchObject({ inserted: 1, duplicates: 1 });
    expect(await rows(table)).toMatchObject([{ ac_power: 7 }]);
  });

  it('skips readings without a time and says so', async () => {
    const { sink, table } = await freshSink();
    const { time: _time, ...noTime } = reading('SN-NO-TIME', 0);
    expect(await sink.write([record(noTime, 1), ...batch(1, 1)])).toMatchObject({ inserted: 1, skipped: 1 });
    expect(await count(table)).toBe(1);
  });

  it('writes a batch with more values than PostgreSQL allows bind parameters (65535) in one statement', async () => {
    const { sink, table } = await freshSink();
    const records = batch(250, 4); // 1000 rows × 71 columns = 71,000 values
    expect(records.length * sinkColumns.length).toBeGreaterThan(65_535);
    expect(await sink.write(records)).toMatchObject({ inserted: 1000, attempts: 1 });
    expect(await count(table)).toBe(1000);
  });

  it('adds the columns a table made by an older release lacks', async () => {
    const { sink, schema, table } = await freshSink();
    await withClient((client) =>
      client.query(
        `CREATE TABLE ${table} (serial_number text NOT NULL, time timestamptz NOT NULL, ac_power double precision, PRIMARY KEY (serial_number, time))`,
      ),
    );
    expect(await sink.write(batch(1, 2))).toMatchObject({ inserted: 2 });
    const columns = await withClient(
      async (client) =>
        (
          await client.query(
            `SELECT count(*)::int AS n FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'inverter_telemetry'`,
            [schema],
          )
        ).rows[0].n,
    );
    expect(columns).toBe(sinkColumns.length);
  });

  it('starts on a table in use without an exclusive lock when no column is missing', async () => {
    const { sink, table } = await freshSink();
    await sink.ensureTable();
    await withClient(async (reader) => {
      // A long read holds a share lock; ALTER TABLE would wait for it (and queue every reader behind).
      await reader.query('BEGIN');
      await reader.query(`LOCK TABLE ${table} IN ACCESS SHARE MODE`);
      const second = createPostgresSink({
        connectionString: `${postgresUrl()}?options=-c%20lock_timeout%3D2000`,
        schema: table.split('.')[0]!,
        retry: { maxAttempts: 1 },
      });
      cleanups.push(() => second.close());
      await expect(second.ensureTable()).resolves.toBeUndefined();
      await reader.query('COMMIT');
    });
  });

  it('stops with a GWK_SINK_REJECTED error, writes nothing and does not retry, when a column has an incompatible type', async () => {
    const logger = memoryLogger();
    const { sink, table } = await freshSink({ logger });
    await sink.ensureTable();
    await withClient((client) => client.query(`ALTER TABLE ${table} ALTER COLUMN raw TYPE integer USING NULL`));
    const error = await sink.write(batch(2, 2)).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'SinkError', code: 'GWK_SINK_REJECTED', retriable: false, sqlState: '42804' });
    expect((error as Error).message).toMatch(
      /^PostgreSQL write of 4 rows to "sink_\w+"\."inverter_telemetry" failed: column "raw" is of type integer/,
    );
    expect(logger.warnings).toEqual([]);
    expect(await count(table)).toBe(0);
  });

  it('retries a write whose connection was terminated mid-statement, and stores the batch once', async () => {
    const logger = memoryLogger();
    const { sink, table } = await freshSink({ logger, retry: { initialDelayMs: 50 } });
    await sink.ensureTable();
    const records = batch(5, 2);
    await withClient(async (locker) => {
      // Hold the table so that the write blocks inside its statement, then kill its connection.
      await locker.query('BEGIN');
      await locker.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
      const writing = sink.write(records);
      writing.catch(() => undefined); // awaited below; a failed expectation before must not leave it unhandled
      let victim: number | undefined;
      const found = await waitFor(async () => {
        const result = await locker.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity
           WHERE application_name = $1 AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
          [SINK_APPLICATION_NAME],
        );
        victim = result.rows[0]?.pid;
        return victim !== undefined;
      });
      expect(found).toBe(true);
      await locker.query('SELECT pg_terminate_backend($1)', [victim]);
      // Release the lock only once that backend is gone, so its statement cannot finish first.
      // (pg_stat_activity is a snapshot per transaction: clear it to see the backend go.)
      const gone = await waitFor(async () => {
        await locker.query('SELECT pg_stat_clear_snapshot()');
        return (await locker.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [victim])).rowCount === 0;
      });
      expect(gone).toBe(true);
      await locker.query('COMMIT');
      expect(await writing).toMatchObject({ inserted: 10, attempts: 2 });
    });
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]?.[0]).toMatchObject({ attempt: 1, sqlState: '57P01' });
    expect(await count(table)).toBe(10);
  });

  it('gives up with a retriable GWK_SINK_UNAVAILABLE error when the database stays unreachable', async () => {
    const { drop, schema } = await createSchema();
    cleanups.push(drop);
    const url = new URL(postgresUrl());
    url.port = '1'; // nothing listens there
    const sink = createPostgresSink({
      connectionString: url.toString(),
      schema,
      retry: { maxAttempts: 3, initialDelayMs: 10 },
    });
    cleanups.push(() => sink.close());
    await expect(sink.write(batch(1, 1))).rejects.toMatchObject({
      code: 'GWK_SINK_UNAVAILABLE',
      retriable: true,
      message: expect.stringMatching(/failed 3 times: .*ECONNREFUSED/),
    });
  });

  it('rejects with the abort reason and refuses writes after close()', async () => {
    const { sink } = await freshSink();
    const reason = new Error('shutting down');
    await expect(sink.write(batch(1, 1), { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    await sink.close();
    await sink.close();
    await expect(sink.write(batch(1, 1))).rejects.toMatchObject({ code: 'GWK_CLOSED' });
  });

  it('runs a batch source to its end, writing each batch before asking for the next', async () => {
    const { sink, table } = await freshSink();
    const seen: number[] = [];
    const batches = [batch(2, 1, 0), batch(2, 1, 0), batch(3, 2, 10)];
    const source = {
      async *batches(options: { maxRecords: number; maxWaitMs: number }) {
        expect(options).toEqual({ maxRecords: 100, maxWaitMs: 50 });
        for (const [i, b] of batches.entries()) {
          yield b;
          seen.push(await count(table)); // what the database holds once the body finished
          expect(seen).toHaveLength(i + 1);
        }
      },
    };
    const summary = await sink.run(source, { maxRecords: 100, maxWaitMs: 50 });
    // The second batch repeats the first; the third repeats two of its readings and adds four.
    expect(summary).toEqual({
      batches: 3,
      records: 10,
      inserted: 6,
      updated: 0,
      unchanged: 4,
      skipped: 0,
      duplicates: 0,
    });
    expect(seen).toEqual([2, 2, 6]);
  });

  it('rejects run() with the abort reason, writing nothing more, when its signal aborts between batches', async () => {
    // Leaving the loop by an error, not by break: the batch in hand was not written, so it must not
    // be committed to Kafka either.
    const { sink, table } = await freshSink();
    const stop = new AbortController();
    const reason = new Error('SIGTERM');
    let finished = false;
    const source = {
      async *batches() {
        try {
          yield batch(2, 1);
          stop.abort(reason); // the signal comes while the consumer waits for the next batch
          yield batch(3, 2, 10);
        } finally {
          finished = true;
        }
      },
    };
    await expect(sink.run(source, { maxRecords: 10, maxWaitMs: 10, signal: stop.signal })).rejects.toBe(reason);
    expect(finished).toBe(true);
    expect(await count(table)).toBe(2);
  });

  it('stops run() at the first failed write, without asking for the next batch', async () => {
    const { sink, table } = await freshSink();
    await sink.ensureTable();
    await withClient((client) =>
      client.query(`ALTER TABLE ${table} ALTER COLUMN kafka_offset TYPE timestamptz USING NULL`),
    );
    let asked = 0;
    let finished = false;
    const source = {
      async *batches() {
        try {
          for (;;) {
            asked++;
            yield batch(1, 1);
          }
        } finally {
          finished = true;
        }
      },
    };
    await expect(sink.run(source, { maxRecords: 10, maxWaitMs: 10 })).rejects.toMatchObject({
      code: 'GWK_SINK_REJECTED',
    });
    expect({ asked, finished }).toEqual({ asked: 1, finished: true });
  });
});

/** Polls `check` every 50 ms for up to 10 s. */
async function waitFor(check: () => Promise<boolean>): Promise<boolean> {
  for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}
