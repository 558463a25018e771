import { afterEach, describe, expect, it } from 'vitest';
import { createTelemetryConsumer } from '../../src/consumer/create-telemetry-consumer.js';
import { KafkaAdmin } from '../../src/kafka/kafka-admin.js';
import { createTopic, plaintextConfig, uniqueName } from '../support/kafka.js';
import { plaintextConnection, produceReadings } from '../support/telemetry.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function topicWith(partitions: number, perPartition: number): Promise<string> {
  const { topic, remove } = await createTopic('delivery', partitions);
  cleanups.push(remove);
  await produceReadings(topic, partitions, perPartition);
  return topic;
}

async function committedOffsets(groupId: string): Promise<Record<number, string>> {
  await using admin = new KafkaAdmin(plaintextConfig());
  const offsets = await admin.groupOffsets(groupId);
  return Object.fromEntries(offsets.map((o) => [o.partition, o.offset]));
}

const seqOf = (record: { raw: Readonly<Record<string, unknown>> }): number => record.raw['seq'] as number;

describe('TelemetryConsumer delivery', () => {
  it('delivers 3 partitions × 10,000 records exactly once each, in order per partition, when nothing fails', async () => {
    const topic = await topicWith(3, 10_000);
    const groupId = uniqueName('group');
    const consumer = createTelemetryConsumer({ connection: plaintextConnection(topic), groupId });
    const next = new Map<number, number>([
      [0, 0],
      [1, 0],
      [2, 0],
    ]);
    let count = 0;
    for await (const record of consumer) {
      expect(seqOf(record)).toBe(next.get(record.partition));
      expect(record.offset).toBe(String(next.get(record.partition)));
      expect(record.source).toBe('live');
      expect(record.key).toBe(`SN-${record.partition}`);
      expect(record.timestamp.getTime()).toBe(Date.UTC(2026, 10, 20) + seqOf(record) * 60_000);
      next.set(record.partition, next.get(record.partition)! + 1);
      if (++count === 30_000) break;
    }
    expect([...next.values()]).toEqual([10_000, 10_000, 10_000]);
    expect(consumer.health().state).toBe('closed');
    // The record in hand at `break` is left for the next start; everything before it is committed.
    const committed = await committedOffsets(groupId);
    expect(
      Object.values(committed)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual([9_999, 10_000, 10_000]);
  });

  it('commits nothing at or after a record whose loop body threw, and restarts at it', async () => {
    const topic = await topicWith(1, 50);
    const groupId = uniqueName('group');
    const failing = createTelemetryConsumer({ connection: plaintextConnection(topic), groupId });
    await expect(async () => {
      for await (const record of failing) {
        if (seqOf(record) === 17) throw new Error('database down');
      }
    }).rejects.toThrow('database down');
    expect(await committedOffsets(groupId)).toEqual({ 0: '17' });

    const restarted = createTelemetryConsumer({ connection: plaintextConnection(topic), groupId });
    for await (const record of restarted) {
      expect(seqOf(record)).toBe(17);
      break;
    }
  });

  it('commits finished records when an AbortSignal stops the loop', async () => {
    const topic = await topicWith(1, 100);
    const groupId = uniqueName('group');
    const controller = new AbortController();
    const consumer = createTelemetryConsumer({
      connection: plaintextConnection(topic),
      groupId,
      signal: controller.signal,
    });
    let seen = 0;
    for await (const record of consumer) {
      seen++;
      if (seqOf(record) === 41) controller.abort();
    }
    expect(seen).toBe(42);
    expect(consumer.health().state).toBe('closed');
    expect(await committedOffsets(groupId)).toEqual({ 0: '42' });
  });

  it('commits finished records when an `await using` scope ends', async () => {
    const topic = await topicWith(1, 100);
    const groupId = uniqueName('group');
    {
      await using consumer = createTelemetryConsumer({ connection: plaintextConnection(topic), groupId });
      const iterator = consumer[Symbol.asyncIterator]();
      for (let i = 0; i < 10; i++) await iterator.next();
      // The 11th next() finishes the 10th record's body.
      await iterator.next();
    }
    expect(await committedOffsets(groupId)).toEqual({ 0: '10' });
  });

  it('is idempotent to close, and refuses to iterate once closed', async () => {
    const topic = await topicWith(1, 1);
    const consumer = createTelemetryConsumer({ connection: plaintextConnection(topic), groupId: uniqueName('group') });
    await Promise.all([consumer.close(), consumer.close()]);
    await consumer.close();
    expect(() => consumer[Symbol.asyncIterator]()).toThrow(expect.objectContaining({ code: 'GWK_CLOSED' }));
  });
});
