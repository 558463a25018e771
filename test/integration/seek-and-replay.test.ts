import { afterEach, describe, expect, it } from 'vitest';
import { createTelemetryConsumer } from '../../src/consumer/create-telemetry-consumer.js';
import { KafkaAdmin } from '../../src/kafka/kafka-admin.js';
import { KafkaProducer } from '../../src/kafka/kafka-producer.js';
import { createTopic, plaintextConfig, uniqueName } from '../support/kafka.js';
import { plaintextConnection, reading } from '../support/telemetry.js';
import { MINUTE } from '../support/fleet.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const base = Date.UTC(2026, 10, 20, 6);

/** Two partitions, 100 readings each, one a minute: record i of a partition is at base + i minutes. */
async function timeline(): Promise<string> {
  const { topic, remove } = await createTopic('seek', 2);
  cleanups.push(remove);
  await using producer = await KafkaProducer.connect(plaintextConfig());
  const pending: Promise<unknown>[] = [];
  for (let p = 0; p < 2; p++) {
    for (let i = 0; i < 100; i++) {
      const t = base + i * MINUTE;
      pending.push(
        producer.send({ topic, partition: p, key: `SN-${p}`, value: reading(`SN-${p}`, t, { seq: i }), timestamp: t }),
      );
    }
  }
  await Promise.all(pending);
  return topic;
}

async function committed(groupId: string): Promise<Record<number, string>> {
  await using admin = new KafkaAdmin(plaintextConfig());
  return Object.fromEntries((await admin.groupOffsets(groupId)).map((o) => [o.partition, o.offset]));
}

describe('seekToTime', () => {
  it('moves every partition to the first record at or after the time, with nothing older leaking from the buffer', async () => {
    const topic = await timeline();
    const groupId = uniqueName('g');
    const consumer = createTelemetryConsumer({
      connection: plaintextConnection(topic),
      groupId,
      commitIntervalMs: 100,
    });
    const iterator = consumer[Symbol.asyncIterator]();
    for (let i = 0; i < 20; i++) await iterator.next(); // plenty more is buffered by now
    await new Promise((resolve) => setTimeout(resolve, 300));
    const before = await committed(groupId);

    const results = await consumer.seekToTime(new Date(base + 70 * MINUTE + 30_000));
    expect(results.map((r) => [r.partition, r.offset, r.atEnd, r.beforeRetention]).sort()).toEqual([
      [0, '71', false, false],
      [1, '71', false, false],
    ]);
    // Seeking commits nothing by itself.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await committed(groupId)).toEqual(before);

    const firstAfter = new Map<number, string>();
    while (firstAfter.size < 2) {
      const { value: record } = await iterator.next();
      if (!record) throw new Error('ended');
      expect(Number(record.offset)).toBeGreaterThanOrEqual(71); // nothing older leaks out
      expect(record.source).toBe('live');
      if (!firstAfter.has(record.partition)) firstAfter.set(record.partition, record.offset);
    }
    expect([...firstAfter.values()]).toEqual(['71', '71']);
    await iterator.return?.();
  });

  it('positions at the end for a future time: nothing is yielded and nothing is raised', async () => {
    const topic = await timeline();
    const consumer = createTelemetryConsumer({ connection: plaintextConnection(topic), groupId: uniqueName('g') });
    const iterator = consumer[Symbol.asyncIterator]();
    await iterator.next();
    const results = await consumer.seekToTime(new Date(base + 1000 * MINUTE));
    expect(results.every((r) => r.atEnd && r.offset === '100')).toBe(true);
    const next = await Promise.race([
      iterator.next(),
      new Promise((resolve) => setTimeout(() => resolve('nothing'), 2000)),
    ]);
    expect(next).toBe('nothing');
    expect(consumer.health().state).toBe('running');
    await consumer.close();
  });

  it('clamps a time before retention to the earliest retained offset and flags it', async () => {
    const topic = await timeline();
    await using admin = new KafkaAdmin(plaintextConfig());
    await admin.deleteRecordsBefore([
      { topic, partition: 0, offset: '40' },
      { topic, partition: 1, offset: '40' },
    ]);
    const consumer = createTelemetryConsumer({ connection: plaintextConnection(topic), groupId: uniqueName('g') });
    const iterator = consumer[Symbol.asyncIterator]();
    await iterator.next();
    const results = await consumer.seekToTime(new Date(base + 10 * MINUTE));
    expect(results.every((r) => r.offset === '40' && r.beforeRetention)).toBe(true);
    const { value } = await iterator.next();
    expect(value?.offset).toBe('40');
    await iterator.return?.();
  });
});

describe('replay', () => {
  it('returns exactly the readings of the window, de-duplicated, and stops', async () => {
    const topic = await timeline();
    // A duplicate publish of one reading inside the window.
    await using producer = await KafkaProducer.connect(plaintextConfig());
    const t = base + 30 * MINUTE;
    await producer.send({
      topic,
      partition: 0,
      key: 'SN-0',
      value: reading('SN-0', t, { seq: 30 }),
      timestamp: t + 5 * MINUTE,
    });
    const consumer = createTelemetryConsumer({ connection: plaintextConnection(topic), groupId: uniqueName('g') });
    const seen: string[] = [];
    for await (const record of consumer.replay({
      from: new Date(base + 20 * MINUTE),
      to: new Date(base + 40 * MINUTE),
    })) {
      expect(record.source).toBe('replay');
      seen.push(`${record.partition}:${record.raw['seq'] as number}`);
    }
    const expected = [0, 1].flatMap((p) => Array.from({ length: 21 }, (_, i) => `${p}:${20 + i}`));
    expect(seen.sort()).toEqual(expected.sort());
    await consumer.close();
  });

  it('keeps to the serial numbers asked for', async () => {
    const topic = await timeline();
    const consumer = createTelemetryConsumer({ connection: plaintextConnection(topic), groupId: uniqueName('g') });
    const serials = new Set<string>();
    for await (const record of consumer.replay({
      from: new Date(base),
      to: new Date(base + 99 * MINUTE),
      serialNumbers: ['SN-1'],
    })) {
      serials.add(record.raw['sn'] as string);
    }
    expect([...serials]).toEqual(['SN-1']);
    await consumer.close();
  });
});
