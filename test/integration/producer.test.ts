import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KafkaReader } from '../../src/kafka/kafka-reader.js';
import { createTelemetryProducer } from '../../src/producer/create-telemetry-producer.js';
import type { TelemetryInput } from '../../src/producer/telemetry-wire.js';
import { decodeTelemetry } from '../../src/telemetry/decode-telemetry.js';
import { createTopic, plaintextConfig } from '../support/kafka.js';
import { plaintextConnection } from '../support/telemetry-connection.js';

const readings: TelemetryInput[] = [0, 1, 2].map((i) => ({
  serialNumber: `5010KETU00000${i}`,
  time: new Date(Date.UTC(2026, 5, 15, 8, 5 * i)),
  status: 1,
  acPower: 1000 + i,
  energyToday: 1.5 * i,
  temperature: 40.5,
  faultCode: 0,
}));

describe('telemetry producer on a real broker', () => {
  let topic: string;
  let remove: () => Promise<void>;
  beforeAll(async () => {
    ({ topic, remove } = await createTopic('producer', 1));
  });
  afterAll(() => remove());

  it('delivers readings that the consumer decodes to the same values, keyed by serial, stamped with the reading time', async () => {
    await using producer = createTelemetryProducer({ connection: plaintextConnection(topic) });
    const deliveries = await producer.send(readings);
    expect(deliveries.map((d) => d.offset)).toEqual(['0', '1', '2']);
    const raw = await producer.sendRaw({ SN: 'PASCAL0001', Pac: '12.5', Last_time: '2026-06-15 09:00:00' });
    expect(raw.offset).toBe('3');
    await using reader = await KafkaReader.connect(plaintextConfig(), [{ topic, partition: 0, offset: 'earliest' }]);
    const messages = [];
    while (messages.length < 4) messages.push(...(await reader.read(10, 1000)));
    for (const [i, reading] of readings.entries()) {
      const message = messages[i]!;
      expect(message.key?.toString()).toBe(reading.serialNumber);
      expect(message.timestamp).toBe(reading.time!.getTime());
      const decoded = decodeTelemetry(message.value);
      expect(decoded.ok && decoded.records[0]?.value).toEqual({ ...reading, quality: [] });
    }
    expect(messages[3]!.key?.toString()).toBe('PASCAL0001');
  });

  it('sends nothing of a batch holding an invalid reading', async () => {
    await using producer = createTelemetryProducer({ connection: plaintextConnection(topic) });
    await expect(producer.send([readings[0]!, { serialNumber: 'X', temperature: 900 }])).rejects.toMatchObject({
      code: 'GWK_DECODE_INVALID',
      path: '[1].temperature',
    });
    await expect(producer.sendRaw('not json')).rejects.toMatchObject({ code: 'GWK_DECODE_JSON' });
  });

  it('reports a failed connection as a typed error', async () => {
    const producer = createTelemetryProducer({
      connection: plaintextConnection(topic, '127.0.0.1:1'),
      connectTimeoutMs: 1500,
    });
    await expect(producer.send(readings[0]!)).rejects.toMatchObject({ code: 'GWK_CONNECTION' });
    await producer.close();
  });
});
