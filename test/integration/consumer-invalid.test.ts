import { afterEach, describe, expect, it } from 'vitest';
import { createTelemetryConsumer } from '../../src/consumer/create-telemetry-consumer.js';
import { KafkaReader } from '../../src/kafka/kafka-reader.js';
import { createTopic, plaintextConfig, uniqueName } from '../support/kafka.js';
import { plaintextConnection, produceValues, reading } from '../support/telemetry.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const poison = Buffer.from('{"sn": "SN-0", "pac": 12'); // truncated JSON

/** A topic holding: reading 0, reading 1, the poison message, reading 3, reading 4. */
async function topicWithPoison(): Promise<string> {
  const { topic, remove } = await createTopic('invalid', 1);
  cleanups.push(remove);
  const t = Date.UTC(2026, 10, 20);
  await produceValues(topic, [
    reading('SN-0', t, { seq: 0 }),
    reading('SN-0', t + 1, { seq: 1 }),
    poison,
    reading('SN-0', t + 3, { seq: 3 }),
    reading('SN-0', t + 4, { seq: 4 }),
  ]);
  return topic;
}

const seqOf = (record: { raw: Readonly<Record<string, unknown>> }): number => record.raw['seq'] as number;

describe('TelemetryConsumer with an invalid message among valid ones', () => {
  it("skips it with onInvalid: 'skip' (the default), counts it, and moves on", async () => {
    const topic = await topicWithPoison();
    const warnings: string[] = [];
    const logger = {
      debug: () => {},
      info: () => {},
      error: () => {},
      warn: (_: object, message: string) => warnings.push(message),
    };
    const consumer = createTelemetryConsumer({
      connection: plaintextConnection(topic),
      groupId: uniqueName('g'),
      logger,
    });
    const seen: number[] = [];
    for await (const record of consumer) {
      seen.push(seqOf(record));
      if (seen.length === 4) {
        expect(consumer.stats()).toMatchObject({ invalid: 1, skipped: 1 });
        break;
      }
    }
    expect(seen).toEqual([0, 1, 3, 4]);
    expect(warnings.some((w) => w.startsWith('Invalid message skipped'))).toBe(true);
  });

  it("yields it as an invalid record with onInvalid: 'yield'", async () => {
    const topic = await topicWithPoison();
    const consumer = createTelemetryConsumer({
      connection: plaintextConnection(topic),
      groupId: uniqueName('g'),
      onInvalid: 'yield',
    });
    const seen: (number | string)[] = [];
    for await (const record of consumer) {
      if ('error' in record) {
        expect(record.offset).toBe('2');
        expect(record.bytes).toEqual(poison);
        expect(record.error).toMatchObject({ topic, partition: 0, offset: '2' });
        expect(record.error.message).toContain(topic);
        seen.push(record.error.code);
      } else seen.push(seqOf(record));
      if (seen.length === 5) break;
    }
    expect(seen).toEqual([0, 1, 'GWK_DECODE_JSON', 3, 4]);
  });

  it("ends the iteration with the decode error and leaves it uncommitted with onInvalid: 'throw'", async () => {
    const topic = await topicWithPoison();
    const consumer = createTelemetryConsumer({
      connection: plaintextConnection(topic),
      groupId: uniqueName('g'),
      onInvalid: 'throw',
    });
    const seen: number[] = [];
    await expect(async () => {
      for await (const record of consumer) seen.push(seqOf(record));
    }).rejects.toMatchObject({ code: 'GWK_DECODE_JSON' });
    expect(seen).toEqual([0, 1]);
    expect(consumer.health().state).toBe('failed');
  });

  it("writes exactly the invalid message to the dead-letter topic with onInvalid: 'dead-letter', then moves on", async () => {
    const topic = await topicWithPoison();
    const { topic: deadLetterTopic, remove } = await createTopic('dlq', 1);
    cleanups.push(remove);
    const consumer = createTelemetryConsumer({
      connection: plaintextConnection(topic),
      groupId: uniqueName('g'),
      onInvalid: 'dead-letter',
      deadLetterTopic,
    });
    const seen: number[] = [];
    for await (const record of consumer) {
      seen.push(seqOf(record));
      if (seen.length === 4) break;
    }
    expect(seen).toEqual([0, 1, 3, 4]);
    expect(consumer.stats()).toMatchObject({ invalid: 1, deadLettered: 1 });

    await using reader = await KafkaReader.connect(plaintextConfig(), [
      { topic: deadLetterTopic, partition: 0, offset: 'earliest' },
    ]);
    const messages = await reader.read(10, 5000);
    expect(messages).toHaveLength(1);
    const [message] = messages;
    expect(message?.value).toEqual(poison);
    const headers = Object.assign({}, ...(message?.headers ?? [])) as Record<string, Buffer>;
    expect(headers['goodwe-kafka-error-code']?.toString()).toBe('GWK_DECODE_JSON');
    expect(headers['goodwe-kafka-source-topic']?.toString()).toBe(topic);
    expect(headers['goodwe-kafka-source-partition']?.toString()).toBe('0');
    expect(headers['goodwe-kafka-source-offset']?.toString()).toBe('2');
    expect(headers['goodwe-kafka-error-message']?.toString().length).toBeGreaterThan(0);
  });

  it('treats a message without a value (a tombstone) as invalid, never as a crash', async () => {
    const { topic, remove } = await createTopic('tombstone', 1);
    cleanups.push(remove);
    await produceValues(topic, [null, reading('SN-0', Date.UTC(2026, 10, 20), { seq: 1 })]);
    const consumer = createTelemetryConsumer({ connection: plaintextConnection(topic), groupId: uniqueName('g') });
    for await (const record of consumer) {
      expect(seqOf(record)).toBe(1);
      break;
    }
    expect(consumer.stats().invalid).toBe(1);
  });
});
