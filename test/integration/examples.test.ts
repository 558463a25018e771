import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { createSchema, postgresUrl, withClient } from '../support/postgres.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** Runs an example as a user would, with `env` added to the environment. */
function runExample(file: string, env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', file], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out })));
}

describe.skipIf(!postgresUrl())('postgres sink example, against a real PostgreSQL', () => {
  it('writes the sample readings once, and the redelivered batch changes nothing', async () => {
    const { schema, drop } = await createSchema('example');
    cleanups.push(drop);
    // The example writes to an unqualified table: point its search path at a schema of this test.
    const url = new URL(postgresUrl());
    url.searchParams.set('options', `-c search_path=${schema}`);

    const { code, out } = await runExample('examples/postgres-sink.ts', { DATABASE_URL: url.toString() });

    expect(out).toContain('batch 1: 3 records, 3 inserted, 0 updated, 0 unchanged');
    expect(out).toContain('batch 2: 3 records, 0 inserted, 0 updated, 3 unchanged');
    expect(code).toBe(0);
    const rows = await withClient(
      async (client) =>
        (
          await client.query(
            `SELECT serial_number, time, ac_power, pv1_voltage, energy_today, temperature, kafka_offset
             FROM ${schema}.inverter_telemetry ORDER BY serial_number, time`,
          )
        ).rows,
    );
    expect(rows).toEqual([
      {
        serial_number: '5010KETU000001',
        time: new Date('2026-06-15T08:05:00Z'),
        ac_power: 3120,
        pv1_voltage: 384.2,
        energy_today: 11.4,
        temperature: 41.5,
        kafka_offset: '0',
      },
      {
        serial_number: '5010KETU000001',
        time: new Date('2026-06-15T08:10:00Z'),
        ac_power: 3188,
        pv1_voltage: 385,
        energy_today: 11.7,
        temperature: 42,
        kafka_offset: '1',
      },
      {
        serial_number: '5010KETU000002',
        time: new Date('2026-06-15T08:05:00Z'),
        ac_power: 2875,
        pv1_voltage: 379.9,
        energy_today: 10.1,
        temperature: null,
        kafka_offset: '0',
      },
    ]);
  }, 60_000);
});
