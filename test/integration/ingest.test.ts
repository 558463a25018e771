import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { KafkaAdmin } from '../../src/kafka/kafka-admin.js';
import { createPostgresSink } from '../../src/postgres/index.js';
import { broker, createTopic, plaintextConfig, uniqueName } from '../support/kafka.js';
import { createSchema, postgresUrl, withClient } from '../support/postgres.js';
import { produceReadings } from '../support/telemetry.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await pause(200);
  }
}

interface Ingest {
  child: ChildProcess;
  stderr: () => string;
  stdout: () => string;
  /** The exit code, or the signal that ended it. */
  exited: Promise<number | string | null>;
  /** The status server's base URL, once it printed it. */
  url: () => Promise<string>;
}

/** Runs `goodwe-kafka ingest` as an operator would: its own process, configured by flags and environment. */
function startIngest(topic: string, args: string[]): Ingest {
  const url = `kafka://${broker().plaintext}/${topic}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'ingest', '--url', url, ...args], {
    cwd: root,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  cleanups.push(() => void child.kill('SIGKILL'));
  return {
    child,
    stderr: () => stderr,
    stdout: () => stdout,
    exited,
    url: async () => {
      await until(() => /serving (http:\/\/\S+)\/healthz/.test(stderr), 'ingest serves its status', 30_000);
      return /serving (http:\/\/\S+)\/healthz/.exec(stderr)![1]!;
    },
  };
}

async function rowCount(table: string): Promise<number> {
  return withClient(async (client) => Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n));
}

async function groupOffsets(groupId: string): Promise<Record<number, string>> {
  await using admin = new KafkaAdmin(plaintextConfig());
  const offsets = await admin.groupOffsets(groupId);
  return Object.fromEntries(offsets.filter((o) => Number(o.offset) >= 0).map((o) => [o.partition, o.offset]));
}

/** Prometheus text exposition format, line by line: comments, or `name{labels} value`. */
function parsePrometheus(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
    const match =
      /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*\})? (-?[0-9.e+]+|NaN|[+-]Inf)$/.exec(
        line,
      );
    if (!match) throw new Error(`not Prometheus text: ${line}`);
    samples.set(`${match[1]}${match[2] ?? ''}`, Number(match[3]));
  }
  return samples;
}

/** A fresh schema (dropped after the test) with the sink's table already created in it. */
async function schemaWithTable(): Promise<{ schema: string; table: string }> {
  const { schema, drop } = await createSchema('ingest');
  cleanups.push(drop);
  await using sink = createPostgresSink({ connectionString: postgresUrl(), schema });
  await sink.ensureTable();
  return { schema, table: `${schema}.inverter_telemetry` };
}

async function topicWithReadings(partitions: number, perPartition: number): Promise<string> {
  const { topic, remove } = await createTopic('ingest', partitions);
  cleanups.push(remove);
  await produceReadings(topic, partitions, perPartition);
  return topic;
}

describe.skipIf(!postgresUrl())('goodwe-kafka ingest', () => {
  it('writes every reading once, serves /healthz and /metrics, and stops cleanly on SIGTERM', async () => {
    const topic = await topicWithReadings(3, 500);
    const { schema, drop } = await createSchema('ingest');
    cleanups.push(drop);
    const groupId = uniqueName('group');
    const ingest = startIngest(topic, [
      '--to',
      postgresUrl(),
      '--schema',
      schema,
      '--group',
      groupId,
      '--listen',
      '127.0.0.1:0',
    ]);
    const url = await ingest.url();
    await until(async () => (await rowCount(`${schema}.inverter_telemetry`)) === 1500, 'all rows are written');

    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ state: 'running' });
    const metrics = await fetch(`${url}/metrics`);
    expect(metrics.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const samples = parsePrometheus(await metrics.text());
    expect(samples.get('goodwe_kafka_records_total')).toBe(1500);
    expect(samples.get('goodwe_kafka_db_rows_total{result="inserted"}')).toBe(1500);
    expect(samples.get(`goodwe_kafka_lag_records{topic="${topic}",partition="0"}`)).toBe(0);
    expect(samples.get('goodwe_kafka_health{state="running"}')).toBe(1);

    ingest.child.kill('SIGTERM');
    expect(await ingest.exited).toBe(0);
    expect(ingest.stderr()).toContain('1500 rows inserted');
    expect(await groupOffsets(groupId)).toEqual({ 0: '500', 1: '500', 2: '500' });
  }, 120_000);

  it('loses nothing and doubles nothing when killed with SIGKILL at random moments and restarted', async () => {
    const perPartition = 4000;
    const topic = await topicWithReadings(3, perPartition);
    const { schema, drop } = await createSchema('ingest');
    cleanups.push(drop);
    const table = `${schema}.inverter_telemetry`;
    const groupId = uniqueName('group');
    // A killed member holds its partitions until its session expires; the default (45 s) is long for a test.
    const args = ['--to', postgresUrl(), '--schema', schema, '--group', groupId, '--session-timeout', '6s'];

    const total = 3 * perPartition;
    for (let kill = 0; kill < 3; kill++) {
      const ingest = startIngest(topic, [...args, '--listen', '0']);
      const url = await ingest.url();
      // Killed once it is reading (its records count moves), at a random moment after.
      const reading = async (): Promise<boolean> => {
        const metrics = await fetch(`${url}/metrics`).then(
          (r) => r.text(),
          () => '',
        );
        return /^goodwe_kafka_records_total [1-9]/m.test(metrics) || (await rowCount(table).catch(() => 0)) === total;
      };
      await until(reading, 'the restarted ingest reads', 90_000);
      await pause(Math.random() * 700);
      ingest.child.kill('SIGKILL');
      await ingest.exited;
    }
    const last = startIngest(topic, [...args, '--listen', '0']);
    const lastUrl = await last.url(); // up, and handling SIGTERM
    await until(async () => (await rowCount(table)) >= total, 'every reading is in the table', 150_000);
    // The killed runs may have written every row already: stop the last one only once it has joined
    // the group and been given partitions, or SIGTERM interrupts its start (exit 130), not its work.
    const assigned = async (): Promise<boolean> =>
      /^goodwe_kafka_assignments_total [1-9]/m.test(
        await fetch(`${lastUrl}/metrics`).then(
          (r) => r.text(),
          () => '',
        ),
      );
    await until(assigned, 'the last ingest has partitions', 90_000);
    last.child.kill('SIGTERM');
    expect({ code: await last.exited, stderr: last.stderr() }).toMatchObject({ code: 0 });

    const rows = await withClient(
      async (client) =>
        (
          await client.query(
            `SELECT serial_number, extract(epoch from time) * 1000 AS ms, kafka_partition, kafka_offset FROM ${table}`,
          )
        ).rows as { serial_number: string; ms: string; kafka_partition: number; kafka_offset: string }[],
    );
    expect(rows).toHaveLength(3 * perPartition);
    // Each row is the reading at its offset: message i of partition p is SN-p at base + i minutes.
    for (const row of rows) {
      expect(row.serial_number).toBe(`SN-${row.kafka_partition}`);
      expect(Number(row.ms)).toBe(Date.UTC(2026, 10, 20) + Number(row.kafka_offset) * 60_000);
    }
  }, 300_000);

  it('stops with one clear line and exit code 1 on a permanent database error, committing nothing past it', async () => {
    const topic = await topicWithReadings(1, 50);
    const { schema, drop } = await createSchema('ingest');
    cleanups.push(drop);
    // A column of the wrong type: no retry can fix that.
    await withClient((client) =>
      client.query(`CREATE TABLE ${schema}.inverter_telemetry (serial_number text, time timestamptz, ac_power boolean,
        PRIMARY KEY (serial_number, time))`),
    );
    const groupId = uniqueName('group');
    const ingest = startIngest(topic, ['--to', postgresUrl(), '--schema', schema, '--group', groupId]);
    const code = await Promise.race([ingest.exited, pause(60_000).then(() => 'still running')]);
    expect(code).toBe(1);
    const lines = ingest.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^goodwe-kafka: .*\[GWK_SINK_REJECTED\]$/);
    expect(await groupOffsets(groupId)).toEqual({});
  }, 90_000);

  it('reports unhealthy on /healthz while writes are stuck, and healthy again after', async () => {
    const topic = await topicWithReadings(1, 200);
    const { schema, table } = await schemaWithTable();
    const groupId = uniqueName('group');
    await withClient(async (locker) => {
      // Another session holds the table: every insert waits.
      await locker.query('BEGIN');
      await locker.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
      const ingest = startIngest(topic, [
        '--to',
        postgresUrl(),
        '--schema',
        schema,
        '--group',
        groupId,
        '--listen',
        '0',
        '--stall-timeout',
        '1s',
      ]);
      const url = await ingest.url();
      const healthz = async (): Promise<{ status: number; state: string }> => {
        const response = await fetch(`${url}/healthz`);
        return { status: response.status, state: ((await response.json()) as { state: string }).state };
      };
      // 503 while starting, too: wait for the stall itself.
      await until(async () => (await healthz()).state === 'stalled', '/healthz says stalled', 30_000);
      expect((await healthz()).status).toBe(503);
      await locker.query('ROLLBACK');
      await until(async () => (await rowCount(table)) === 200, 'the rows are written after all');
      await until(async () => (await fetch(`${url}/healthz`)).status === 200, '/healthz is healthy again', 30_000);
      ingest.child.kill('SIGTERM');
      expect(await ingest.exited).toBe(0);
    });
  }, 120_000);

  it('rides out a database that refuses connections for 20 s: nothing lost, nothing doubled, still in its group', async () => {
    const topic = await topicWithReadings(2, 300);
    const { schema, table } = await schemaWithTable();
    const role = uniqueName('ingest').replaceAll('-', '_');
    await withClient(async (client) => {
      await client.query(`CREATE ROLE ${role} LOGIN`);
      await client.query(`GRANT USAGE ON SCHEMA ${schema} TO ${role}`);
      await client.query(`GRANT SELECT, INSERT, UPDATE ON ${table} TO ${role}`);
    });
    cleanups.push(() =>
      withClient(async (client) => {
        await client.query(`DROP OWNED BY ${role}`);
        await client.query(`DROP ROLE ${role}`);
      }).then(() => undefined),
    );
    const roleUrl = new URL(postgresUrl());
    roleUrl.username = role;
    roleUrl.password = '';
    const groupId = uniqueName('group');
    const ingest = startIngest(topic, [
      '--to',
      roleUrl.toString(),
      '--schema',
      schema,
      '--group',
      groupId,
      '--no-create-table',
      '--listen',
      '0',
    ]);
    const url = await ingest.url();
    await until(async () => (await rowCount(table)) === 600, 'the first readings are written');
    // The database goes away for this account: existing sessions are cut, new ones refused.
    await withClient(async (client) => {
      await client.query(`ALTER ROLE ${role} CONNECTION LIMIT 0`);
      await client.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1`, [role]);
    });
    await produceReadings(topic, 2, 300, Date.UTC(2026, 10, 21));
    await pause(20_000);
    await withClient((client) => client.query(`ALTER ROLE ${role} CONNECTION LIMIT -1`));
    await until(async () => (await rowCount(table)) === 1200, 'every reading is written after the outage', 90_000);
    const samples = parsePrometheus(await (await fetch(`${url}/metrics`)).text());
    expect(samples.get('goodwe_kafka_revocations_total')).toBe(0);
    expect(samples.get('goodwe_kafka_db_write_retries_total')).toBeGreaterThan(0);
    ingest.child.kill('SIGTERM');
    expect(await ingest.exited).toBe(0);
    expect(await rowCount(table)).toBe(1200);
  }, 180_000);
});
