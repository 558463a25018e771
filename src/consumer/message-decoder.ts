import type { GoodweKafkaError } from '../errors/goodwe-kafka-error.js';

/** One reading decoded from a message. */
export interface DecodedReading<T> {
  value: T;
  raw: Record<string, unknown>;
}

/** Turns a message value into readings, or says why it cannot. Never throws. */
export type MessageDecoder<T> = (
  bytes: Buffer | null,
) => { ok: true; records: DecodedReading<T>[] } | { ok: false; error: GoodweKafkaError };
