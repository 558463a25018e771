import { afterEach, describe, expect, it } from 'vitest';
import { createTelemetryConsumer } from '../../src/consumer/create-telemetry-consumer.js';
import type { DataLossError } from '../../src/errors/data-loss-error.js';
import type { LogFields, Logger } from '../../src/internal/logger.js';
import { KafkaAdmin } from '../../src/kafka/kafka-admin.js';
import { createTopic, plaintextConfig, uniqueName } from '../support/kafka.js';
import { plaintextConnection, produceReadings, produceValues, reading } from '../support/telemetry.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function topicWith(partitions: number, perPartition: number): Promise<string> {
  const { topic, remove } = await createTopic('ledger', partitions);
  cleanups.push(remove);
  if (perPartition > 0) await produceReadings(topic, partitions, perPartition);
  return topic;
}

async function groupOffsets(groupId: string): Promise<Record<number, string>> {
  await using admin = new KafkaAdmin(plaintextConfig());
  const offsets = await admin.groupOffsets(groupId);
  return Object.fromEntries(offsets.map((o) => [o.partition, o.offset]));
}

async function until(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await pause(20);
  }
}

describe('TelemetryConsumer per-partition state on the real broker', () => {
  it('reads every record of a partition that moved to another member while paused for backpressure and came back', async () => {
    const partitions = 3;
    const perPartition = 400;
    const topic = await topicWith(partitions, perPartition);
    const groupId = uniqueName('group');
    const delivered = new Set<string>();
    let releaseBody!: () => void;
    const bodyHeld = new Promise<void>((resolve) => (releaseBody = resolve));

    const a = createTelemetryConsumer({
      connection: plaintextConnection(topic),
      groupId,
      maxBufferedRecords: 50,
      fetchBatchSize: 50,
      commitIntervalMs: 100,
    });
    cleanups.push(() => a.close());
    const loopA = (async () => {
      for await (const record of a) {
        if (delivered.size === 0) await bodyHeld;
        delivered.add(`${record.partition}:${record.offset}`);
        if (delivered.size === partitions * perPartition) break;
      }
    })();
    // A's body stays behind: its buffer fills and its partitions are paused.
    await until(() => a.stats().buffered >= 50, 'A buffered a full budget');
    await pause(1500);

    // B joins, takes a partition that A had paused, reads a few records of it and leaves.
    const moved: number[] = [];
    const b = createTelemetryConsumer({
      connection: plaintextConnection(topic),
      groupId,
      commitIntervalMs: 100,
      onAssign: ({ partitions: assigned }) => moved.push(...assigned.map((p) => p.partition)),
    });
    let readByB = 0;
    for await (const record of b) {
      delivered.add(`${record.partition}:${record.offset}`);
      if (++readByB === 10) break;
    }
    await b.close();
    expect(moved.length).toBeGreaterThan(0);

    // A catches up and resumes; the partition comes back to it and must be fetched again.
    releaseBody();
    await Promise.race([loopA, pause(45_000)]);
    const missing = [];
    for (let p = 0; p < partitions; p++)
      for (let o = 0; o < perPartition; o++) if (!delivered.has(`${p}:${o}`)) missing.push(`${p}:${o}`);
    expect(missing.length, `missing e.g. ${missing.slice(0, 3).join(', ')}`).toBe(0);
  }, 90_000);

  it('keeps the group working when onRevoke throws: the partitions are released and the joining member reads them', async () => {
    const topic = await topicWith(2, 300);
    const groupId = uniqueName('group');
    const delivered = new Set<string>();
    const a = createTelemetryConsumer({
      connection: plaintextConnection(topic),
      groupId,
      maxBufferedRecords: 20,
      commitIntervalMs: 100,
      onRevoke: () => {
        throw new Error('the application broke in onRevoke');
      },
    });
    cleanups.push(() => a.close());
    let bAssigned = false;
    let bHasPartitions!: () => void;
    const bHolds = new Promise<void>((resolve) => (bHasPartitions = resolve));
    const b = createTelemetryConsumer({
      connection: plaintextConnection(topic),
      groupId,
      commitIntervalMs: 100,
      onAssign: ({ partitions }) => {
        if (partitions.length === 0) return;
        bAssigned = true;
        bHasPartitions();
      },
    });
    cleanups.push(() => b.close());
    const consume = async (consumer: typeof a): Promise<void> => {
      for await (const record of consumer) {
        delivered.add(`${record.partition}:${record.offset}`);
        // Half-way through, hold until B has partitions, so that B joins with records left to read
        // however slow the group's rebalance is on this machine.
        if (!bAssigned && delivered.size >= 150) await Promise.race([bHolds, pause(40_000)]);
        if (delivered.size === 600) {
          void a.close();
          void b.close();
        }
      }
    };
    const loopA = consume(a);
    await until(() => delivered.size > 20, 'A is reading');
    const loopB = consume(b);
    await until(() => bAssigned, 'B got a partition', 40_000);
    await Promise.race([Promise.all([loopA, loopB]), pause(40_000)]);
    expect(delivered.size).toBe(600);
    expect(a.stats().callbackErrors).toBeGreaterThanOrEqual(1);
  }, 90_000);

  it('reports records that retention deleted while the consumer was running, with the lost range, and reads on', async () => {
    const topic = await topicWith(1, 2000);
    const groupId = uniqueName('group');
    const losses: DataLossError[] = [];
    const delivered = new Set<number>();
    let releaseBody!: () => void;
    const bodyHeld = new Promise<void>((resolve) => (releaseBody = resolve));
    const consumer = createTelemetryConsumer({
      connection: plaintextConnection(topic),
      groupId,
      maxBufferedRecords: 50,
      fetchBatchSize: 50,
      onDataLoss: (loss) => losses.push(loss as DataLossError),
    });
    cleanups.push(() => consumer.close());
    const loop = (async () => {
      for await (const record of consumer) {
        if (delivered.size === 0) await bodyHeld;
        delivered.add(Number(record.offset));
        if (record.offset === '1999') break;
      }
    })();
    await until(() => consumer.stats().buffered >= 50, 'the buffer is full');
    await pause(1500); // paused: librdkafka dropped its prefetch and will fetch from the position again
    await using admin = new KafkaAdmin(plaintextConfig());
    await admin.deleteRecordsBefore([{ topic, partition: 0, offset: '1000' }]); // what retention would do
    releaseBody();
    await Promise.race([loop, pause(30_000)]);
    expect(losses).toHaveLength(1);
    expect(losses[0]).toMatchObject({ code: 'GWK_DATA_LOSS', topic, partition: 0, to: '1000' });
    expect(consumer.stats().dataLoss).toBe(1);
    const from = Number(losses[0]!.from);
    for (let offset = 0; offset < 2000; offset++) {
      const reported = offset >= from && offset < 1000;
      if (!delivered.has(offset) && !reported)
        throw new Error(`offset ${offset} was neither delivered nor reported lost`);
    }
  }, 60_000);

  it('commits past an empty JSON array message', async () => {
    const topic = await topicWith(1, 0);
    const time = Date.UTC(2026, 10, 20, 6);
    await produceValues(topic, [reading('SN-0', time), Buffer.from('[]'), reading('SN-0', time + 60_000)]);
    const groupId = uniqueName('group');
    const consumer = createTelemetryConsumer({ connection: plaintextConnection(topic), groupId });
    const offsets: string[] = [];
    for await (const record of consumer) {
      offsets.push(record.offset);
      if (offsets.length === 2) void consumer.close();
    }
    expect(offsets).toEqual(['0', '2']);
    expect(await groupOffsets(groupId)).toEqual({ 0: '3' });
  });

  it('starts a new group without a bogus gap-state rebuild failure, and checks retention on every partition', async () => {
    const topic = await topicWith(2, 50);
    const groupId = uniqueName('group');
    const lines: { level: string; message: string }[] = [];
    const at =
      (level: string) =>
      (_fields: LogFields, message: string): void =>
        void lines.push({ level, message });
    const logger: Logger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
    const consumer = createTelemetryConsumer({ connection: plaintextConnection(topic), groupId, logger });
    let count = 0;
    for await (const record of consumer) {
      void record;
      if (++count === 100) void consumer.close();
    }
    expect(count).toBe(100);
    expect(lines.filter((l) => l.level === 'warn' || l.level === 'error')).toEqual([]);
  });
});
