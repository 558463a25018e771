import { KafkaProducer } from '../../src/kafka/kafka-producer.js';
import { plaintextConfig } from './kafka.js';
import { reading } from './telemetry.js';

export const MINUTE = 60_000;
export const cadenceMs = 5 * MINUTE;

/** Serial numbers of a small test fleet. */
export function serials(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `SN-${String(i).padStart(3, '0')}`);
}

/** Times every 5 minutes from `fromMs` to `toMs`, both included. */
export function every5Minutes(fromMs: number, toMs: number): number[] {
  const times: number[] = [];
  for (let t = fromMs; t <= toMs; t += cadenceMs) times.push(t);
  return times;
}

/**
 * Publishes one reading per inverter per time, keyed by serial number (so each inverter stays on
 * one partition), with the Kafka record time equal to the reading time, as GoodWe's feed does.
 */
export async function publishReadings(
  topic: string,
  fleet: readonly string[],
  times: readonly number[],
): Promise<void> {
  await using producer = await KafkaProducer.connect({ ...plaintextConfig(), 'linger.ms': 5 });
  const pending: Promise<unknown>[] = [];
  for (const time of times) {
    for (const serial of fleet) {
      pending.push(producer.send({ topic, key: serial, value: reading(serial, time), timestamp: time }));
    }
  }
  await Promise.all(pending);
}

/** Resolves when `condition` holds, polling; rejects after `timeoutMs`. */
export async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
