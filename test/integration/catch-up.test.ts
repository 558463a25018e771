import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTelemetryConsumer } from '../../src/consumer/create-telemetry-consumer.js';
import { broker, createTopic, uniqueName } from '../support/kafka.js';
import { plaintextConnection, produceReadings } from '../support/telemetry.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const partitions = 3;
const behind = 66_667; // per partition: 200,001 records in all
const base = Date.UTC(2026, 10, 20);
// After every skipped reading, so new and backfilled readings never share a (serial, time).
const liveBase = base + (behind + 1000) * 60_000;

async function until(condition: () => boolean, timeoutMs: number, what: string | (() => string)): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline)
      throw new Error(`${typeof what === 'string' ? what : what()}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A topic whose group committed the first record of each partition, then fell 200,001 records behind. */
async function groupFarBehind(prefix: string): Promise<{ topic: string; groupId: string }> {
  const { topic, remove } = await createTopic(prefix, partitions);
  cleanups.push(remove);
  const groupId = uniqueName('group');
  await produceReadings(topic, partitions, 1, base - 60_000);
  const first = createTelemetryConsumer({ connection: plaintextConnection(topic), groupId });
  let seen = 0;
  for await (const record of first) {
    void record;
    if (++seen === partitions) void first.close(); // the body finishes, so all three are committed
  }
  await produceReadings(topic, partitions, behind, base);
  return { topic, groupId };
}

const keyOf = (serial: string, time: Date | undefined): string => `${serial}|${time?.getTime()}`;

describe('live-first catch-up on a real broker', () => {
  it('delivers new records within seconds to a group 200,000 records behind, then backfills every skipped reading exactly once', async () => {
    const { topic, groupId } = await groupFarBehind('catch-up');
    const consumer = createTelemetryConsumer({
      connection: plaintextConnection(topic),
      groupId,
      catchUp: { mode: 'live-first' },
    });
    cleanups.push(() => consumer.close());
    const delivered: { key: string; source: string }[] = [];
    let firstLiveAt: number | undefined;
    const live = 10;
    const loop = (async () => {
      for await (const record of consumer) {
        delivered.push({ key: keyOf(record.value.serialNumber, record.value.time), source: record.source });
        if (record.source === 'live') firstLiveAt ??= Date.now();
        if (delivered.length === partitions * (behind + live)) break;
      }
    })();
    await until(
      () => consumer.stats().partitions.filter((p) => p.backfill !== undefined).length === partitions,
      60_000,
      'every partition jumped',
    );
    expect(consumer.stats().backfillTotal).toBe(partitions * behind);
    const producedAt = Date.now();
    await produceReadings(topic, partitions, live, liveBase);
    await until(
      () => delivered.length >= partitions * (behind + live),
      180_000,
      () => {
        const stats = consumer.stats();
        return `${delivered.length} delivered; backfill pending ${stats.backfillPending} of ${stats.backfillTotal}; ${JSON.stringify(stats.partitions)}`;
      },
    );
    await loop;

    const firstLive = delivered.findIndex((d) => d.source === 'live');
    const backfilled = delivered.filter((d) => d.source === 'backfill');
    console.log(
      `live-first: first new record ${firstLiveAt! - producedAt} ms after it was produced, after ${firstLive} backfilled ones`,
    );
    // The new records overtook most of the backlog.
    expect(firstLive).toBeLessThan(backfilled.length / 4);
    expect(delivered.filter((d) => d.source === 'live')).toHaveLength(partitions * live);
    expect(backfilled).toHaveLength(partitions * behind);
    expect(new Set(delivered.map((d) => d.key)).size).toBe(delivered.length);
    await until(() => consumer.stats().backfillPending <= 1, 10_000, 'backfill progress reached the end');
  }, 240_000);

  it('loses nothing when killed with SIGKILL mid-backfill: a restart resumes the backfill from the commit metadata', async () => {
    const { topic, groupId } = await groupFarBehind('catch-up-crash');
    const dir = mkdtempSync(join(tmpdir(), 'goodwe-kafka-catch-up-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const outFile = join(dir, 'delivered.txt');
    const lines = (): string[] =>
      existsSync(outFile) ? readFileSync(outFile, 'utf8').split('\n').filter(Boolean) : [];
    const start = (): ChildProcess => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'test/support/catch-up-child.ts', broker().plaintext, topic, groupId, outFile],
        { stdio: ['ignore', 'inherit', 'inherit'] },
      );
      cleanups.push(() => void child.kill('SIGKILL'));
      return child;
    };
    const backfilledSoFar = (): number => lines().filter((l) => l.endsWith('|backfill')).length;

    const first = start();
    await until(() => backfilledSoFar() >= 60_000, 120_000, 'the first run backfilled 60,000 records');
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    const beforeCrash = lines().length;

    const second = start();
    const total = partitions * behind;
    const unique = (): number => new Set(lines().map((l) => l.slice(0, l.lastIndexOf('|')))).size;
    await until(() => unique() >= total, 180_000, 'every skipped reading was delivered');
    second.kill('SIGTERM');
    await new Promise((resolve) => second.once('exit', resolve));

    const all = lines();
    const keys = all.map((l) => l.slice(0, l.lastIndexOf('|')));
    const expected = new Set<string>();
    for (let p = 0; p < partitions; p++) for (let i = 0; i < behind; i++) expected.add(`SN-${p}|${base + i * 60_000}`);
    const seen = new Set(keys);
    const missing = [...expected].filter((k) => !seen.has(k));
    expect(missing.slice(0, 5)).toEqual([]);
    const duplicates = keys.length - seen.size;
    console.log(`live-first crash: ${beforeCrash} records before SIGKILL; ${duplicates} delivered twice`);
    // The documented bound: what the body finished in the last one or two commit intervals (200 ms
    // apart, at most about 10,000 records/s here) plus the buffer (1,000).
    expect(duplicates).toBeLessThanOrEqual(2 * 2_000 + 1_000);
  }, 360_000);
});
