import { afterEach, describe, expect, it } from 'vitest';
import { readOffsetRanges, type OffsetRange } from '../../src/gaps/read-offset-ranges.js';
import { KafkaReader } from '../../src/kafka/kafka-reader.js';
import { readFirstRecords } from '../../src/kafka/read-first-records.js';
import { decodeTelemetry } from '../../src/telemetry/decode-telemetry.js';
import { createTopic, plaintextConfig } from '../support/kafka.js';
import { produceReadings, reading } from '../support/telemetry.js';
import { produceInTransaction } from '../support/transactional-producer.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function topicWith(partitions: number, perPartition: number): Promise<string> {
  const { topic, remove } = await createTopic('ranges', partitions);
  cleanups.push(remove);
  if (perPartition > 0) await produceReadings(topic, partitions, perPartition);
  return topic;
}

function read(topic: string, ranges: OffsetRange[], signal?: AbortSignal) {
  return readOffsetRanges({
    config: plaintextConfig(),
    topic,
    ranges,
    decode: (bytes) => decodeTelemetry(bytes),
    source: 'replay',
    timeoutMs: 15_000,
    signal,
  });
}

/** Every message read, as `partition:offset`. */
async function offsetsRead(reading: ReturnType<typeof read>): Promise<string[]> {
  const seen: string[] = [];
  for await (const batch of reading) for (const message of batch) seen.push(`${message.partition}:${message.offset}`);
  return seen;
}

describe('readOffsetRanges', () => {
  it('reads each range from its start offset up to, not including, its end offset', async () => {
    const topic = await topicWith(2, 50);
    const seen = await offsetsRead(
      read(topic, [
        { partition: 0, fromOffset: 10n, toOffset: 20n },
        { partition: 1, fromOffset: 45n, toOffset: 50n },
      ]),
    );
    expect(seen.sort()).toEqual(
      [...Array.from({ length: 10 }, (_, i) => `0:${10 + i}`), ...[45, 46, 47, 48, 49].map((o) => `1:${o}`)].sort(),
    );
  });

  it('yields nothing for empty ranges, without connecting', async () => {
    const batches = readOffsetRanges({
      config: { 'bootstrap.servers': '127.0.0.1:1' },
      topic: 'nowhere',
      ranges: [{ partition: 0, fromOffset: 5n, toOffset: 5n }],
      decode: (bytes) => decodeTelemetry(bytes),
      source: 'replay',
      timeoutMs: 100,
    });
    expect(await batches.next()).toEqual({ done: true, value: undefined });
  });

  it('ends a range whose end offset is a transaction marker instead of waiting for a record there', async () => {
    const topic = await topicWith(1, 0);
    await produceInTransaction(
      plaintextConfig(),
      topic,
      Array.from({ length: 5 }, (_, i) => reading('SN-0', Date.UTC(2026, 10, 20) + i * 60_000)),
    );
    await using reader = await KafkaReader.connect(plaintextConfig(), []);
    // Five records at 0..4, the commit marker at 5. The broker writes the marker after the commit
    // returns, and a read-committed reader's end offset stays before the open transaction till then.
    const deadline = Date.now() + 10_000;
    while ((await reader.queryWatermarks(topic, 0)).high !== '6' && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await reader.queryWatermarks(topic, 0)).high).toBe('6');
    // Without an end of its own the read would wait until the signal: a timeout fails the test.
    const signal = AbortSignal.timeout(20_000);
    expect(await offsetsRead(read(topic, [{ partition: 0, fromOffset: 0n, toOffset: 6n }], signal))).toEqual([
      '0:0',
      '0:1',
      '0:2',
      '0:3',
      '0:4',
    ]);
    expect(signal.aborted).toBe(false);
  });

  it('rejects with the signal reason as soon as it is aborted while waiting for a range to end', async () => {
    const topic = await topicWith(1, 5);
    const abort = new AbortController();
    const reason = new Error('stop reading');
    const batches = read(topic, [{ partition: 0, fromOffset: 0n, toOffset: 100n }], abort.signal);
    let got = 0;
    while (got < 5) got += (await batches.next()).value?.length ?? 0;
    // Records 5..99 do not exist: the read waits for them.
    const pending = batches.next();
    const abortedAt = Date.now();
    abort.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(Date.now() - abortedAt).toBeLessThan(2000);
  });

  // Regression: librdkafka kept the partition paused by the first read, so the second never ended.
  it('reads a partition again with the same reader after an earlier range of it ended', async () => {
    const topic = await topicWith(2, 10);
    await using reader = await KafkaReader.connect(plaintextConfig(), []);
    const signal = AbortSignal.timeout(10_000);
    const ranges = (from: bigint) => [0, 1].map((partition) => ({ partition, fromOffset: from, toOffset: 10n }));
    const firsts = await readFirstRecords(reader, topic, ranges(0n), signal);
    const lasts = await readFirstRecords(reader, topic, ranges(9n), signal);
    expect([...firsts.values()].map((m) => m.offset)).toEqual([0, 0]);
    expect([...lasts.values()].map((m) => m.offset)).toEqual([9, 9]);
  });
});
