import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { broker, createTopic, uniqueName } from '../support/kafka.js';
import { produceReadings } from '../support/telemetry.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function lines(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}

function startChild(topic: string, groupId: string, outFile: string, mode = 'records'): ChildProcess {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/support/consume-child.ts', broker().plaintext, topic, groupId, outFile, mode],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  cleanups.push(() => void child.kill('SIGKILL'));
  return child;
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('TelemetryConsumer after a crash', () => {
  it('redelivers every record whose body had not been committed when the process was killed with SIGKILL', async () => {
    const partitions = 3;
    const perPartition = 20_000;
    const total = partitions * perPartition;
    const { topic, remove } = await createTopic('crash', partitions);
    cleanups.push(remove);
    await produceReadings(topic, partitions, perPartition);
    const dir = mkdtempSync(join(tmpdir(), 'goodwe-kafka-crash-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const outFile = join(dir, 'delivered.txt');
    const groupId = uniqueName('group');

    const t0 = Date.now();
    const first = startChild(topic, groupId, outFile);
    await until(() => lines(outFile).length >= total / 3, 60_000);
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    const beforeCrash = lines(outFile).length;
    const t1 = Date.now();

    const second = startChild(topic, groupId, outFile);
    await until(() => new Set(lines(outFile)).size >= total, 90_000);
    const t2 = Date.now();
    second.kill('SIGTERM');
    await new Promise((resolve) => second.once('exit', resolve));

    const all = lines(outFile);
    const unique = new Set(all);
    expect(unique.size).toBe(total);
    const duplicates = all.length - unique.size;
    console.log(
      `crash test: ${beforeCrash} records before SIGKILL (${t1 - t0} ms), the rest in ${t2 - t1} ms; ${duplicates} delivered twice`,
    );
    // Only what was processed since the last commit (200 ms apart, about 10,000 records/s) comes again.
    expect(duplicates).toBeLessThanOrEqual(5_000);
  }, 180_000);

  it('loses nothing when a process writing batches() is killed with SIGKILL at random moments, again and again', async () => {
    const partitions = 3;
    const perPartition = 10_000;
    const total = partitions * perPartition;
    const { topic, remove } = await createTopic('crash-batches', partitions);
    cleanups.push(remove);
    await produceReadings(topic, partitions, perPartition);
    const dir = mkdtempSync(join(tmpdir(), 'goodwe-kafka-crash-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const outFile = join(dir, 'written.txt');
    const groupId = uniqueName('group');

    for (let kill = 0; kill < 3; kill++) {
      // An earlier child may have written and committed everything already: then there is nothing left to kill.
      if (new Set(lines(outFile)).size >= total) break;
      const child = startChild(topic, groupId, outFile, 'batches');
      const before = lines(outFile).length;
      await until(() => lines(outFile).length > before || new Set(lines(outFile)).size >= total, 60_000);
      await new Promise((resolve) => setTimeout(resolve, 200 + Math.random() * 800));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    const last = startChild(topic, groupId, outFile, 'batches');
    await until(() => new Set(lines(outFile)).size >= total, 120_000);
    last.kill('SIGTERM');
    await new Promise((resolve) => last.once('exit', resolve));

    const unique = new Set(lines(outFile));
    expect(unique.size).toBe(total);
  }, 240_000);
});
