import { describe, expect, it } from 'vitest';
import { KafkaClientError } from '../../../src/errors/kafka-client-error.js';
import type { KafkaMessage, PartitionOffset } from '../../../src/kafka/kafka-message.js';
import type { ReadBatch } from '../../../src/kafka/kafka-reader.js';
import { readRanges, type RangeReader } from '../../../src/kafka/read-ranges.js';

const topic = 'ACME01';
const message = (partition: number, offset: number): KafkaMessage => ({ topic, partition, offset, value: null });
const end = (partition: number, offset: number): PartitionOffset => ({ topic, partition, offset: String(offset) });

/** A reader that answers each read with the next scripted step (a batch, or an error to throw). */
function scriptedReader(steps: (Partial<ReadBatch> | Error)[]): RangeReader & { reads: number; paused: number[] } {
  const reader = {
    reads: 0,
    paused: [] as number[],
    assign: () => undefined,
    pause: (_topic: string, partition: number) => void reader.paused.push(partition),
    readBatch: (): Promise<ReadBatch> => {
      const step = steps[reader.reads++] ?? {};
      if (step instanceof Error) return Promise.reject(step);
      return Promise.resolve({ messages: step.messages ?? [], ends: step.ends ?? [] });
    },
  };
  return reader;
}

async function offsetsOf(batches: AsyncGenerator<KafkaMessage[], void>): Promise<string[]> {
  const seen: string[] = [];
  for await (const batch of batches) for (const m of batch) seen.push(`${m.partition}:${m.offset}`);
  return seen;
}

describe('readRanges', () => {
  it('keeps reading through any number of empty reads until each range reaches its end offset', async () => {
    const empty = Array.from({ length: 50 }, () => ({}));
    const reader = scriptedReader([
      { messages: [message(0, 0)] },
      ...empty,
      { messages: [message(0, 1), message(0, 2)] },
    ]);
    const ranges = [{ partition: 0, fromOffset: 0n, toOffset: 3n }];
    expect(await offsetsOf(readRanges(reader, { topic, ranges }))).toEqual(['0:0', '0:1', '0:2']);
    expect(reader.reads).toBe(52);
    expect(reader.paused).toEqual([0]);
  });

  it('ends a range at the end of its partition when the offsets before its end hold no record', async () => {
    const reader = scriptedReader([{ messages: [message(0, 3)], ends: [end(0, 4)] }, {}, { ends: [end(0, 6)] }]);
    const ranges = [{ partition: 0, fromOffset: 3n, toOffset: 6n }];
    expect(await offsetsOf(readRanges(reader, { topic, ranges }))).toEqual(['0:3']);
    expect(reader.reads).toBe(3);
  });

  it('ends a range at the first message at or past its end, without yielding it', async () => {
    const reader = scriptedReader([{ messages: [message(1, 8), message(1, 11)] }]);
    const ranges = [{ partition: 1, fromOffset: 8n, toOffset: 10n }];
    expect(await offsetsOf(readRanges(reader, { topic, ranges }))).toEqual(['1:8']);
  });

  it('waits out a retriable read error and gives up on a fatal one', async () => {
    const ranges = [{ partition: 0, fromOffset: 0n, toOffset: 1n }];
    const transient = new KafkaClientError('Reading messages failed: broker transport failure', { retriable: true });
    const retried = scriptedReader([transient, transient, { messages: [message(0, 0)] }]);
    expect(await offsetsOf(readRanges(retried, { topic, ranges }))).toEqual(['0:0']);
    const fatal = new KafkaClientError('Reading messages failed: topic authorization failed');
    await expect(offsetsOf(readRanges(scriptedReader([fatal]), { topic, ranges }))).rejects.toBe(fatal);
  });

  it('refuses two ranges on one partition with a ConfigError', async () => {
    const ranges = [
      { partition: 0, fromOffset: 0n, toOffset: 1n },
      { partition: 0, fromOffset: 5n, toOffset: 6n },
    ];
    await expect(offsetsOf(readRanges(scriptedReader([]), { topic, ranges }))).rejects.toMatchObject({
      code: 'GWK_CONFIG',
    });
  });
});
