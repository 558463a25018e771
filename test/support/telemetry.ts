import { KafkaProducer } from '../../src/kafka/kafka-producer.js';
import { plaintextConfig } from './kafka.js';

export { plaintextConnection, saslConnection } from './telemetry-connection.js';

/** A reading as GoodWe's lowercase family writes it. */
export function reading(serial: string, timeMs: number, extra: Record<string, unknown> = {}): Buffer {
  return Buffer.from(JSON.stringify({ sn: serial, last_time: timeMs, pac: 1234, eday: 5.6, ...extra }));
}

/**
 * Produces `perPartition` readings to each partition: message i of partition p is from serial
 * `SN-p` at time `base + i * 60 s`, with a `seq` field equal to i, so tests can check order and completeness.
 */
export async function produceReadings(
  topic: string,
  partitions: number,
  perPartition: number,
  base = Date.UTC(2026, 10, 20),
): Promise<void> {
  const producer = await KafkaProducer.connect({ ...plaintextConfig(), 'linger.ms': 20, 'batch.num.messages': 10_000 });
  try {
    for (let p = 0; p < partitions; p++) {
      const pending: Promise<unknown>[] = [];
      for (let i = 0; i < perPartition; i++) {
        const time = base + i * 60_000;
        pending.push(
          producer.send({
            topic,
            partition: p,
            key: `SN-${p}`,
            value: reading(`SN-${p}`, time, { seq: i }),
            timestamp: time,
          }),
        );
        if (pending.length >= 5000) await Promise.all(pending.splice(0));
      }
      await Promise.all(pending);
    }
  } finally {
    await producer.close();
  }
}

/** Produces raw values to one partition, in order. */
export async function produceValues(topic: string, values: (Buffer | null)[], partition = 0): Promise<void> {
  const producer = await KafkaProducer.connect(plaintextConfig());
  try {
    for (const value of values)
      await producer.send({ topic, partition, key: 'SN-0', value, timestamp: Date.UTC(2026, 10, 20) });
  } finally {
    await producer.close();
  }
}
