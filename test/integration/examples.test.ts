import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTableSql, upsertParams, upsertSql, writeReading, type SqlClient } from '../../examples/postgres-sink.js';
import type { InverterTelemetry } from '../../src/telemetry/inverter-telemetry-schema.js';

const reading: InverterTelemetry = {
  serialNumber: '5010KETU000001',
  time: new Date('2026-06-15T08:05:00Z'),
  status: 1,
  acPower: 3120,
  energyToday: 11.4,
  temperature: null,
  quality: [],
};

/** A client that records queries and keeps rows by primary key, as the table would. */
function fakeClient(): SqlClient & { queries: string[]; rows: Map<string, unknown[]> } {
  const queries: string[] = [];
  const rows = new Map<string, unknown[]>();
  return {
    queries,
    rows,
    query: (sql, params = []) => {
      queries.push(sql);
      if (sql === upsertSql) rows.set(`${String(params[0])}@${(params[1] as Date).toISOString()}`, [...params]);
      return Promise.resolve({ rowCount: 1 });
    },
  };
}

describe('postgres sink example', () => {
  it('upserts on (serial_number, time), so a redelivered reading does not add a row', async () => {
    expect(upsertSql).toMatch(/ON CONFLICT \(serial_number, time\) DO UPDATE/);
    expect(createTableSql).toMatch(/PRIMARY KEY \(serial_number, time\)/);
    const db = fakeClient();
    await writeReading(db, reading);
    await writeReading(db, reading);
    expect(db.queries).toEqual([upsertSql, upsertSql]);
    expect(db.rows.size).toBe(1);
  });

  it('passes values in column order, with null for readings that were not available', () => {
    expect(upsertParams(reading)).toEqual([reading.serialNumber, reading.time, 1, 3120, null, 11.4, null, null]);
  });

  it('skips a reading without a time, which cannot be keyed', async () => {
    const db = fakeClient();
    const { time: _time, ...noTime } = reading;
    expect(await writeReading(db, noTime)).toBe(false);
    expect(db.queries).toEqual([]);
  });

  // PostgreSQL is not part of the test harness; this runs where its server binaries are installed.
  const hasPostgres = spawnSync('which', ['pg_ctl']).status === 0 && spawnSync('which', ['initdb']).status === 0;
  it.skipIf(!hasPostgres)(
    'keeps one row per reading in a real PostgreSQL',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'goodwe-kafka-pg-'));
      const data = join(dir, 'data');
      const socket = join(dir, 'socket');
      mkdirSync(socket);
      // initdb refuses to run as root: run the server as an unprivileged user then.
      const root = process.getuid?.() === 0;
      if (root) for (const path of [dir, socket]) execFileSync('chown', ['nobody', path]);
      const asOwner = (cmd: string, args: string[]): string =>
        root
          ? execFileSync('runuser', ['-u', 'nobody', '--', cmd, ...args], { encoding: 'utf8' })
          : execFileSync(cmd, args, { encoding: 'utf8' });
      try {
        asOwner('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres']);
        asOwner('pg_ctl', [
          '-D',
          data,
          '-o',
          `-k ${socket} -c listen_addresses=''`,
          '-l',
          join(dir, 'log'),
          '-w',
          'start',
        ]);
        const params = upsertParams(reading).map((p) =>
          p === null
            ? 'NULL'
            : p instanceof Date
              ? `'${p.toISOString()}'`
              : typeof p === 'string'
                ? `'${p}'`
                : String(p),
        );
        const sql = `${createTableSql};
PREPARE upsert AS ${upsertSql};
EXECUTE upsert(${params.join(', ')});
EXECUTE upsert(${params.join(', ')});
SELECT count(*) FROM inverter_readings;`;
        const out = execFileSync('psql', ['-h', socket, '-U', 'postgres', '-At', '-c', sql], { encoding: 'utf8' });
        expect(out.trim().split('\n').at(-1)).toBe('1');
      } finally {
        spawnSync(root ? 'runuser' : 'pg_ctl', [
          ...(root ? ['-u', 'nobody', '--', 'pg_ctl'] : []),
          '-D',
          data,
          '-w',
          'stop',
        ]);
        rmSync(dir, { recursive: true, force: true });
      }
    },
    60_000,
  );
});
