import { afterEach, describe, expect, it } from 'vitest';
import { createTelemetryConsumer } from '../../src/consumer/create-telemetry-consumer.js';
import { KafkaProducer } from '../../src/kafka/kafka-producer.js';
import { createTopic, plaintextConfig, uniqueName } from '../support/kafka.js';
import { plaintextConnection } from '../support/telemetry.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

// On 2026-10-25 Europe/Berlin goes back from CEST to CET at 01:00Z: the wall clock shows
// 02:00-02:59 twice. Each reading carries its wall-clock time without an offset and is produced
// with the instant it was taken plus a few seconds as its Kafka timestamp.
const firstHourUtc = Date.UTC(2026, 9, 25, 0, 0);
const minutes = [0, 20, 40];
const readings = [1, 2].flatMap((hour) =>
  minutes.map((minute) => ({
    value: Buffer.from(
      JSON.stringify({
        sn: 'SN-DST',
        last_time: `10/25/2026 02:${String(minute).padStart(2, '0')}:00`,
        pac: hour * 100 + minute,
      }),
    ),
    timestamp: firstHourUtc + (hour - 1) * 3_600_000 + minute * 60_000 + 4_000,
  })),
);

async function timesRead(topic: string): Promise<string[]> {
  const consumer = createTelemetryConsumer({
    connection: plaintextConnection(topic),
    groupId: uniqueName('group'),
    timeZone: 'Europe/Berlin',
    gaps: { refill: false },
  });
  const times: string[] = [];
  for await (const record of consumer) {
    times.push(record.value.time?.toISOString() ?? 'none');
    if (times.length === readings.length) break;
  }
  return times;
}

describe('times in the repeated autumn hour, through the broker', () => {
  it('reads each hour at its own instant from the record timestamps, the same on every read', async () => {
    const { topic, remove } = await createTopic('repeated-hour');
    cleanups.push(remove);
    const producer = await KafkaProducer.connect(plaintextConfig());
    try {
      for (const { value, timestamp } of readings) {
        await producer.send({ topic, partition: 0, key: 'SN-DST', value, timestamp });
      }
    } finally {
      await producer.close();
    }
    const expected = [
      '2026-10-25T00:00:00.000Z',
      '2026-10-25T00:20:00.000Z',
      '2026-10-25T00:40:00.000Z',
      '2026-10-25T01:00:00.000Z',
      '2026-10-25T01:20:00.000Z',
      '2026-10-25T01:40:00.000Z',
    ];
    expect(await timesRead(topic)).toEqual(expected);
    // A second group re-reads the log (as after a crash, or a replay) and resolves the same.
    expect(await timesRead(topic)).toEqual(expected);
  });
});
