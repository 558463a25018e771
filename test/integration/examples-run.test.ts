import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { broker, createTopic } from '../support/kafka.js';
import { every5Minutes, publishReadings, serials } from '../support/fleet.js';
import { createSchema, postgresUrl, withClient } from '../support/postgres.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const day = Date.UTC(2026, 10, 20);

/** Runs an example as a user would, with the connection in GOODWE_KAFKA_* variables (SASL_SSL). */
function runExample(
  file: string,
  args: string[],
  topic: string,
  stopAfterMs?: number | ((output: () => string) => Promise<void>),
  extraEnv: Record<string, string> = {},
): Promise<{ code: number | null; out: string }> {
  const info = broker();
  const env = {
    ...process.env,
    ...extraEnv,
    GOODWE_KAFKA_BOOTSTRAP_SERVERS: info.saslSsl ?? '',
    GOODWE_KAFKA_ACCOUNT: info.user.name,
    GOODWE_KAFKA_PASSWORD: info.user.password,
    GOODWE_KAFKA_TOPIC: topic,
    GOODWE_KAFKA_CA_FILE: info.caFile ?? '',
  };
  const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  cleanups.push(() => void child.kill('SIGKILL'));
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  if (typeof stopAfterMs === 'number') setTimeout(() => child.kill('SIGTERM'), stopAfterMs).unref();
  // Or stopped once a condition holds (it waits however slow the machine is).
  else if (stopAfterMs) void stopAfterMs(() => out).then(() => child.kill('SIGTERM'));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out })));
}

describe.skipIf(!broker().saslSsl || !broker().caFile)('the examples, run against the broker', () => {
  it('recover-window.ts replays a window and counts the readings per inverter', async () => {
    const { topic, remove } = await createTopic('example', 2);
    cleanups.push(remove);
    await publishReadings(topic, serials(4), every5Minutes(day + 6 * 3600_000, day + 9 * 3600_000));
    const from = new Date(day + 7 * 3600_000).toISOString();
    const to = new Date(day + 8 * 3600_000).toISOString();
    const { code, out } = await runExample('examples/recover-window.ts', [from, to], topic);
    expect(code).toBe(0);
    expect(out).toContain(`52 readings from 4 inverters between ${from} and ${to}`);
  }, 60_000);

  it('graceful-shutdown.ts stops on SIGTERM, says so, and exits by itself', async () => {
    const { topic, remove } = await createTopic('example', 1);
    cleanups.push(remove);
    await publishReadings(topic, serials(3), every5Minutes(day, day + 3600_000));
    const { code, out } = await runExample('examples/graceful-shutdown.ts', [], topic, 6000);
    expect(code).toBe(0);
    expect(out).toContain('stopped after 39 readings closed');
  }, 60_000);

  it('consume.ts prints each reading as it arrives, and stops cleanly on SIGTERM', async () => {
    const { topic, remove } = await createTopic('example', 1);
    cleanups.push(remove);
    await publishReadings(topic, serials(2), every5Minutes(day + 6 * 3600_000, day + 6 * 3600_000 + 10 * 60_000));
    const readings = (out: string): number => out.split('\n').filter((line) => line.startsWith('SN-')).length;
    const allPrinted = async (output: () => string): Promise<void> => {
      const deadline = Date.now() + 45_000;
      while (readings(output()) < 6 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    };
    const { code, out } = await runExample('examples/consume.ts', [], topic, allPrinted);
    expect(out).toContain(`SN-000 ${new Date(day + 6 * 3600_000).toISOString()}`);
    expect(readings(out)).toBe(6);
    // handleSignals(): SIGTERM ends the loop, commits and leaves the group; a killed process exits with no code.
    expect(code).toBe(0);
  }, 60_000);

  it.skipIf(!postgresUrl())(
    'batches-to-postgres.ts writes every reading once, and a restart writes no row twice',
    async () => {
      const { topic, remove } = await createTopic('example', 2);
      cleanups.push(remove);
      const { schema, drop } = await createSchema('example');
      cleanups.push(drop);
      await publishReadings(topic, serials(3), every5Minutes(day + 6 * 3600_000, day + 7 * 3600_000));
      const url = new URL(postgresUrl());
      url.searchParams.set('options', `-c search_path=${schema}`);
      const env = { DATABASE_URL: url.toString() };
      const rows = (): Promise<number> =>
        withClient(async (c) =>
          Number((await c.query(`SELECT count(*) AS n FROM ${schema}.inverter_telemetry`)).rows[0].n),
        ).catch(() => 0); // the example creates the table
      const allWritten = async (): Promise<void> => {
        const deadline = Date.now() + 45_000;
        while ((await rows()) < 39 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      };
      const first = await runExample('examples/batches-to-postgres.ts', [], topic, allWritten, env);
      expect(first.code).toBe(0);
      expect(first.out).toContain('stopped after writing 39 rows');
      expect(await rows()).toBe(39);
      // Started again, the group goes on after its commit: nothing is read or written again.
      const second = await runExample('examples/batches-to-postgres.ts', [], topic, 10_000, env);
      expect(second.out).toContain('stopped after writing 0 rows');
      expect(await rows()).toBe(39);
    },
    90_000,
  );
});
