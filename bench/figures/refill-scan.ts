import { randomUUID } from 'node:crypto';
import { goodweConnection } from '../../src/auth/goodwe-connection.js';
import { createTelemetryConsumer } from '../../src/consumer/create-telemetry-consumer.js';
import type { Figure } from './figure.js';
import { topicTimeRange } from './topic-time-range.js';

/**
 * Replay scan rate (SPEC: at least the live consume rate): `TelemetryConsumer#replay` over the
 * whole benchmark topic's time window, the side reader that refills gaps too, in records/s.
 */
export const refillScanFigure: Figure = {
  id: 'refill-scan',
  title: 'Refill / replay scan rate',
  target: '≥ live consume rate',
  async measure({ bootstrap, topic, liveRecordsPerSecond }) {
    const { firstMs, lastMs } = await topicTimeRange(bootstrap, topic);
    const consumer = createTelemetryConsumer({
      connection: goodweConnection({ bootstrapServers: bootstrap, topic, tls: false }),
      groupId: `bench-replay-${randomUUID()}`,
    });
    let records = 0;
    let started = 0;
    for await (const _record of consumer.replay({ from: new Date(firstMs), to: new Date(lastMs) })) {
      if (records++ === 0) started = performance.now();
    }
    const seconds = (performance.now() - started) / 1000;
    await consumer.close();
    const rate = records / seconds;
    return {
      value: `${Math.round(rate).toLocaleString('en-US')} rec/s (${records.toLocaleString('en-US')} records)`,
      ...(liveRecordsPerSecond ? { ratio: `${(rate / liveRecordsPerSecond).toFixed(2)} × live` } : {}),
      met: liveRecordsPerSecond === undefined ? undefined : rate >= liveRecordsPerSecond,
      numbers: { recordsPerSecond: rate, records, liveRecordsPerSecond: liveRecordsPerSecond ?? 0 },
      detail:
        "replay() of the whole topic window (decoding, filtering and de-duplication included), compared with this library's live `for await` median.",
    };
  },
};
