import { bytesOf, type KafkaMessage } from '../kafka/kafka-message.js';
import type { MessageDecoder } from './message-decoder.js';
import type { BufferedMessage } from './buffered-message.js';
import type { InvalidTelemetryRecord, RecordSource, TelemetryRecord } from './telemetry-record.js';

/** What the iterator hands out for a message: readings, or one invalid record. */
export type Item<T> =
  | { kind: 'record'; record: TelemetryRecord<T>; serialNumber: string; timeMs: number | undefined }
  | { kind: 'invalid'; record: InvalidTelemetryRecord };

const noHeaders: Readonly<Record<string, Buffer>> = Object.freeze({});

function headersOf(message: KafkaMessage): Readonly<Record<string, Buffer>> {
  if (!message.headers || message.headers.length === 0) return noHeaders;
  const headers: Record<string, Buffer> = {};
  for (const header of message.headers) {
    for (const [name, value] of Object.entries(header))
      headers[name] = Buffer.isBuffer(value) ? value : Buffer.from(value);
  }
  return headers;
}

function keyOf(message: KafkaMessage): string | null {
  const key = message.key;
  if (key === undefined || key === null) return null;
  return typeof key === 'string' ? key : key.toString('utf8');
}

/** Decodes a fetched message into the items the iterator will hand out, in order. */
export function toItems<T>(
  message: KafkaMessage,
  decode: MessageDecoder<T>,
  source: RecordSource = 'live',
): BufferedMessage<Item<T>> {
  const offset = String(message.offset);
  const timestamp = new Date(message.timestamp ?? 0);
  const key = keyOf(message);
  const headers = headersOf(message);
  const { topic, partition } = message;
  const result = decode(message.value, message.timestamp);
  const bytes = bytesOf(message);
  if (!result.ok) {
    const record: InvalidTelemetryRecord = {
      value: undefined,
      error: result.error.withLocation({ topic, partition, offset }),
      bytes: message.value,
      topic,
      partition,
      offset,
      timestamp,
      key,
      headers,
      source,
    };
    return { topic, partition, offset, bytes, items: [{ kind: 'invalid', record }] };
  }
  const items = result.records.map((reading): Item<T> => ({
    kind: 'record',
    record: {
      value: reading.value,
      raw: reading.raw,
      topic,
      partition,
      offset,
      timestamp,
      key,
      headers,
      source,
    },
    serialNumber: reading.serialNumber,
    timeMs: reading.time?.getTime(),
  }));
  return { topic, partition, offset, bytes, items };
}
