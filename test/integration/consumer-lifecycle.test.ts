import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { createTelemetryConsumer } from '../../src/consumer/create-telemetry-consumer.js';
import { KafkaAdmin } from '../../src/kafka/kafka-admin.js';
import { broker, createTopic, plaintextConfig, uniqueName } from '../support/kafka.js';
import { plaintextConnection, produceReadings } from '../support/telemetry.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function topicWith(partitions: number, perPartition: number): Promise<string> {
  const { topic, remove } = await createTopic('lifecycle', partitions);
  cleanups.push(remove);
  await produceReadings(topic, partitions, perPartition);
  return topic;
}

describe('TelemetryConsumer lifecycle', () => {
  it('closes on SIGTERM with handleSignals(): commits what was finished and the process exits by itself', async () => {
    const topic = await topicWith(1, 1000);
    const groupId = uniqueName('group');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/support/signal-child.ts', broker().plaintext, topic, groupId],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    cleanups.push(() => void child.kill('SIGKILL'));
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    while (out.split('\n').filter(Boolean).length < 20) await new Promise((resolve) => setTimeout(resolve, 50));
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    const lines = out.split('\n').filter(Boolean);
    expect(lines.at(-1)).toBe('closed closed');
    const delivered = lines.slice(0, -1).map(Number);
    await using admin = new KafkaAdmin(plaintextConfig());
    const [committed] = await admin.groupOffsets(groupId);
    // Every record whose body finished is committed; the one in hand at the signal was finished too
    // (the loop ended normally), so the committed offset is one past the last delivered.
    expect(Number(committed?.offset)).toBe(Math.max(...delivered) + 1);
  }, 60_000);

  it("reports health 'stalled' while records wait and nothing is delivered, and 'running' again after", async () => {
    const topic = await topicWith(1, 100);
    const consumer = createTelemetryConsumer({
      connection: plaintextConnection(topic),
      groupId: uniqueName('g'),
      stallTimeoutMs: 1000,
    });
    const iterator = consumer[Symbol.asyncIterator]();
    await iterator.next();
    expect(consumer.health().state).toBe('running');
    await new Promise((resolve) => setTimeout(resolve, 2500)); // the body holds the record
    expect(consumer.health().state).toBe('stalled');
    expect(consumer.stats().partitions[0]?.lag).toBe(99);
    await iterator.next();
    expect(consumer.health().state).toBe('running');
    await iterator.return?.();
    expect(consumer.health().state).toBe('closed');
  });

  it('reports records removed by retention before they were read, then goes on from the earliest retained one', async () => {
    const topic = await topicWith(1, 100);
    const groupId = uniqueName('group');
    const first = createTelemetryConsumer({ connection: plaintextConnection(topic), groupId });
    let n = 0;
    for await (const _record of first) if (++n === 11) break; // commits 0..9: next offset 10
    await using admin = new KafkaAdmin(plaintextConfig());
    await admin.deleteRecordsBefore([{ topic, partition: 0, offset: '50' }]); // what retention would do

    const losses: { from: string; to: string; code: string }[] = [];
    const second = createTelemetryConsumer({
      connection: plaintextConnection(topic),
      groupId,
      onDataLoss: (error) => losses.push(error as never),
    });
    for await (const record of second) {
      expect(record.offset).toBe('50');
      break;
    }
    expect(losses).toHaveLength(1);
    expect(losses[0]).toMatchObject({ code: 'GWK_DATA_LOSS', from: '10', to: '50' });
    expect(second.stats().dataLoss).toBe(1);
  });

  it("surfaces librdkafka's own statistics in stats().client", async () => {
    const topic = await topicWith(2, 50);
    const consumer = createTelemetryConsumer({
      connection: plaintextConnection(topic),
      groupId: uniqueName('group'),
      statisticsIntervalMs: 1000,
    });
    const iterator = consumer[Symbol.asyncIterator]();
    try {
      await iterator.next();
      const deadline = Date.now() + 10_000;
      while (consumer.stats().client === undefined && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      const client = consumer.stats().client;
      expect(client?.brokers.some((b) => b.state === 'UP')).toBe(true);
      expect(client?.partitions.map((p) => p.topic)).toContain(topic);
      expect(client?.group?.state).toBe('up');
    } finally {
      await iterator.return?.();
    }
  });
});
