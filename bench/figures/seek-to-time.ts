import { randomUUID } from 'node:crypto';
import { goodweConnection } from '../../src/auth/goodwe-connection.js';
import { createTelemetryConsumer } from '../../src/consumer/create-telemetry-consumer.js';
import type { Figure } from './figure.js';
import { topicTimeRange } from './topic-time-range.js';

/**
 * `seekToTime` to first record (SPEC: under 1 s): a consumer reads part of the benchmark topic,
 * then for times spread over the topic, the time from calling `seekToTime` to the first record
 * yielded after it.
 */
export const seekToTimeFigure: Figure = {
  id: 'seek-to-time',
  title: '`seekToTime` to first record',
  target: '< 1 s',
  async measure({ bootstrap, topic, quick }) {
    const { firstMs, lastMs } = await topicTimeRange(bootstrap, topic);
    const consumer = createTelemetryConsumer({
      connection: goodweConnection({ bootstrapServers: bootstrap, topic, tls: false }),
      groupId: `bench-seek-${randomUUID()}`,
    });
    const iterator = consumer[Symbol.asyncIterator]();
    const samples: number[] = [];
    try {
      for (let i = 0; i < 1000; i++) await iterator.next();
      const fractions = quick ? [0.8, 0.2, 0.5] : [0.9, 0.1, 0.5, 0.75, 0.25];
      for (const fraction of fractions) {
        const started = performance.now();
        await consumer.seekToTime(new Date(firstMs + fraction * (lastMs - firstMs)));
        await iterator.next();
        samples.push(performance.now() - started);
      }
    } finally {
      await iterator.return?.();
    }
    const sorted = [...samples].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    const max = sorted.at(-1)!;
    return {
      value: `median ${Math.round(median)} ms, max ${Math.round(max)} ms`,
      met: max < 1000,
      numbers: { medianMs: median, maxMs: max },
      detail: `${samples.length} seeks to times spread over the topic after reading 1,000 records; each from the call to the first record yielded after it.`,
    };
  },
};
