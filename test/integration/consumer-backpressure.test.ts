import { afterEach, describe, expect, it } from 'vitest';
import { createTelemetryConsumer } from '../../src/consumer/create-telemetry-consumer.js';
import { createTopic, uniqueName } from '../support/kafka.js';
import { plaintextConnection, produceReadings } from '../support/telemetry.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('TelemetryConsumer with a slow loop body over a large backlog', () => {
  it('keeps its buffer and memory bounded and stays in the group', async () => {
    const partitions = 3;
    const perPartition = 70_000; // a 210,000-record backlog
    const { topic, remove } = await createTopic('backlog', partitions);
    cleanups.push(remove);
    await produceReadings(topic, partitions, perPartition);

    const maxBufferedRecords = 2000;
    const fetchBatchSize = 500;
    let revoked = 0;
    const consumer = createTelemetryConsumer({
      connection: plaintextConnection(topic),
      groupId: uniqueName('group'),
      maxBufferedRecords,
      fetchBatchSize,
      sessionTimeoutMs: 6000,
      // A member that stops polling for this long is removed from the group by librdkafka.
      kafkaConfig: { 'max.poll.interval.ms': 7000 },
      onRevoke: () => revoked++,
    });

    const rssBefore = process.memoryUsage().rss;
    let maxBuffered = 0;
    let maxRss = rssBefore;
    let count = 0;
    const slowUntil = Date.now() + 15_000; // twice the poll interval
    for await (const record of consumer) {
      void record;
      count++;
      const { buffered } = consumer.stats();
      maxBuffered = Math.max(maxBuffered, buffered);
      maxRss = Math.max(maxRss, process.memoryUsage().rss);
      // Slow at first (the backlog piles up behind it), then at full speed through 60,000 records.
      if (Date.now() < slowUntil) await pause(50);
      else if (count >= 60_000) break;
    }
    const growthMb = (maxRss - rssBefore) / 1024 / 1024;
    console.log(`backpressure: buffer peaked at ${maxBuffered} records; RSS grew by ${growthMb.toFixed(1)} MB`);
    expect(revoked).toBe(1); // only the final close, never an eviction mid-stream
    expect(count).toBe(60_000);
    expect(maxBuffered).toBeLessThanOrEqual(maxBufferedRecords + fetchBatchSize);
    expect(growthMb).toBeLessThan(150);
  }, 120_000);
});
