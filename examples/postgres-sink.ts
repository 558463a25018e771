// Writing readings to PostgreSQL, idempotently: the consumer delivers at least once, so the same
// reading can arrive twice (after a crash, a rebalance, or a duplicate upstream). An upsert on
// (serial_number, time) makes a second delivery a no-op instead of a duplicate row.
//
// With node-postgres (`npm install pg`), pass a pool: it has the `query(sql, params)` this needs.
//   import pg from 'pg';
//   const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
//   await runPostgresSink(pool);
import { connectionFromEnv, createTelemetryConsumer, type InverterTelemetry } from 'goodwe-kafka';

/** The part of a PostgreSQL client this sink uses: `pg.Pool` and `pg.Client` both fit. */
export interface SqlClient {
  query(sql: string, params?: readonly unknown[]): Promise<unknown>;
}

/** The table: one row per inverter and reading time. */
export const createTableSql = `CREATE TABLE IF NOT EXISTS inverter_readings (
  serial_number text NOT NULL,
  time timestamptz NOT NULL,
  status integer,
  ac_power double precision,
  pv_power double precision,
  energy_today double precision,
  energy_total double precision,
  temperature double precision,
  PRIMARY KEY (serial_number, time)
)`;

// A repeated reading overwrites the row with the same values: the write is idempotent.
export const upsertSql = `INSERT INTO inverter_readings
  (serial_number, time, status, ac_power, pv_power, energy_today, energy_total, temperature)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
ON CONFLICT (serial_number, time) DO UPDATE SET
  status = EXCLUDED.status, ac_power = EXCLUDED.ac_power, pv_power = EXCLUDED.pv_power,
  energy_today = EXCLUDED.energy_today, energy_total = EXCLUDED.energy_total,
  temperature = EXCLUDED.temperature`;

/** The upsert parameters of a reading; `null` for a reading that was not available. */
export function upsertParams(reading: InverterTelemetry): unknown[] {
  return [
    reading.serialNumber,
    reading.time,
    reading.status ?? null,
    reading.acPower ?? null,
    reading.pvPower ?? null,
    reading.energyToday ?? null,
    reading.energyTotal ?? null,
    reading.temperature ?? null,
  ];
}

/** Writes one reading. Readings without a time cannot be keyed and are skipped. */
export async function writeReading(db: SqlClient, reading: InverterTelemetry): Promise<boolean> {
  if (reading.time === undefined) return false;
  await db.query(upsertSql, upsertParams(reading));
  return true;
}

/** Consumes the topic into the table until `signal` is aborted. */
export async function runPostgresSink(db: SqlClient, signal?: AbortSignal): Promise<void> {
  await db.query(createTableSql);
  await using consumer = createTelemetryConsumer({
    connection: connectionFromEnv(),
    groupId: 'acme-postgres-sink',
    ...(signal ? { signal } : {}),
  });
  for await (const record of consumer) {
    // The offset is committed only after this write resolved: a crash re-delivers, the upsert absorbs it.
    await writeReading(db, record.value);
  }
}
