// The end-to-end path in one test: produce, connect over SASL_SSL, consume, commit, seek back and
// read again. scripts/node-matrix.sh runs it under each supported Node.js version, with the native
// client built for that version; the normal suite runs it under the default one.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goodweConnection } from '../../src/auth/goodwe-connection.js';
import type { KafkaConnection } from '../../src/auth/kafka-connection.js';
import { createTelemetryConsumer } from '../../src/consumer/create-telemetry-consumer.js';
import { KafkaAdmin } from '../../src/kafka/kafka-admin.js';
import { createTelemetryProducer } from '../../src/producer/create-telemetry-producer.js';
import type { TelemetryInput } from '../../src/producer/telemetry-wire.js';
import { broker, createTopic, plaintextConfig, uniqueName } from '../support/kafka.js';

const base = Date.UTC(2026, 5, 15, 8);
const readings: TelemetryInput[] = [0, 1, 2, 3, 4, 5].map((i) => ({
  serialNumber: 'SMOKE0000001',
  time: new Date(base + i * 60_000),
  acPower: 1000 + i,
  energyToday: 0.5 * i,
}));

/** The committed offset of partition 0, polled until it is `expected` or 15 s have passed. */
async function committedOffset(groupId: string, expected: string): Promise<string | undefined> {
  await using admin = new KafkaAdmin(plaintextConfig());
  let offset: string | undefined;
  for (const deadline = Date.now() + 15_000; Date.now() < deadline; await sleep(200)) {
    offset = (await admin.groupOffsets(groupId)).find((o) => o.partition === 0)?.offset;
    if (offset === expected) break;
  }
  return offset;
}

describe(`the library under Node.js ${process.versions.node}`, () => {
  const info = broker();
  let topic: string;
  let remove: () => Promise<void>;
  let connection: KafkaConnection;
  beforeAll(async () => {
    ({ topic, remove } = await createTopic('node-smoke', 1));
    if (info.saslSsl === undefined) return;
    connection = goodweConnection({
      bootstrapServers: info.saslSsl,
      account: info.user.name,
      password: info.user.password,
      mechanism: 'SCRAM-SHA-512',
      tls: { ca: info.caFile! },
      topic,
    });
  });
  afterAll(() => remove());

  it.skipIf(info.saslSsl === undefined)(
    'produces, consumes, commits and seeks back over SASL_SSL with the native client',
    async () => {
      expect(connection.securityProtocol).toBe('sasl_ssl');
      await using producer = createTelemetryProducer({ connection });
      const deliveries = await producer.send(readings);
      expect(deliveries.map((d) => d.offset)).toEqual(['0', '1', '2', '3', '4', '5']);

      const groupId = uniqueName('node-smoke');
      await using consumer = createTelemetryConsumer({ connection, groupId, commitIntervalMs: 100 });
      const iterator = consumer[Symbol.asyncIterator]();
      const read = async (count: number): Promise<[string, number | null | undefined][]> => {
        const records: [string, number | null | undefined][] = [];
        while (records.length < count) {
          const { value: record, done } = await iterator.next();
          if (done) throw new Error('iteration ended early');
          expect(record.value.time?.getTime()).toBe(record.timestamp.getTime());
          records.push([record.offset, record.value.acPower]);
        }
        return records;
      };

      expect(await read(6)).toEqual(readings.map((r, i) => [String(i), r.acPower]));
      // Asking for the sixth record finished the first five: their commit reaches the broker.
      expect(await committedOffset(groupId, '5')).toBe('5');

      const [seek] = await consumer.seekToTime(new Date(base + 2 * 60_000));
      expect(seek).toMatchObject({ partition: 0, offset: '2', atEnd: false, beforeRetention: false });
      expect(await read(4)).toEqual(readings.slice(2).map((r, i) => [String(i + 2), r.acPower]));
      await iterator.return?.();
    },
  );
});
