import type { InvalidTelemetryRecord, RecordSource, TelemetryRecord } from '../records/telemetry-record.js';
import { toItems } from '../records/to-items.js';
import type { KafkaMessage } from '../kafka/kafka-message.js';
import { decodeTelemetry } from '../telemetry/decode-telemetry.js';
import type { InverterTelemetry } from '../telemetry/inverter-telemetry-schema.js';

/** What a message read by a side reader decodes to: its readings, or why it has none. */
export type DecodedMessage =
  { ok: true; records: TelemetryRecord<InverterTelemetry>[] } | { ok: false; invalid: InvalidTelemetryRecord };

/** Decodes a message read outside the consumer (replay, gap scan, doctor) into telemetry records. */
export function decodeMessage(message: KafkaMessage, source: RecordSource): DecodedMessage {
  const { items } = toItems(message, (bytes) => decodeTelemetry(bytes), source);
  const first = items[0];
  if (first?.kind === 'invalid') return { ok: false, invalid: first.record };
  return { ok: true, records: items.flatMap((item) => (item.kind === 'record' ? [item.record] : [])) };
}
