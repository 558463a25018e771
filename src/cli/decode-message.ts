import type { InvalidTelemetryRecord, RecordSource, TelemetryRecord } from '../consumer/telemetry-record.js';
import type { NativeMessage } from '../kafka/native.js';
import { decodeTelemetry } from '../telemetry/decode-telemetry.js';
import type { InverterTelemetry } from '../telemetry/inverter-telemetry-schema.js';

/** What a message read by a side reader decodes to: its readings, or why it has none. */
export type DecodedMessage =
  { ok: true; records: TelemetryRecord<InverterTelemetry>[] } | { ok: false; invalid: InvalidTelemetryRecord };

function headersOf(message: NativeMessage): Record<string, Buffer> {
  const headers: Record<string, Buffer> = {};
  for (const header of message.headers ?? []) {
    for (const [name, value] of Object.entries(header))
      headers[name] = Buffer.isBuffer(value) ? value : Buffer.from(value);
  }
  return headers;
}

/** Decodes a message read outside the consumer (replay, gap scan, doctor) into telemetry records. */
export function decodeMessage(message: NativeMessage, source: RecordSource): DecodedMessage {
  const { topic, partition } = message;
  const offset = String(message.offset);
  const timestamp = new Date(message.timestamp ?? 0);
  const key = message.key === undefined || message.key === null ? null : message.key.toString();
  const headers = headersOf(message);
  const result = decodeTelemetry(message.value);
  if (!result.ok) {
    const error = result.error.withLocation({ topic, partition, offset });
    const invalid = {
      value: undefined,
      error,
      bytes: message.value,
      topic,
      partition,
      offset,
      timestamp,
      key,
      headers,
      source,
    };
    return { ok: false, invalid };
  }
  const records = result.records.map((reading) => ({
    value: reading.value,
    raw: reading.raw,
    topic,
    partition,
    offset,
    timestamp,
    key,
    headers,
    source,
  }));
  return { ok: true, records };
}
