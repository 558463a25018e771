import type { KafkaReader } from '../../kafka/kafka-reader.js';
import type { KafkaMessage } from '../../kafka/kafka-message.js';

/**
 * Reads the first message at or after each given offset: the earliest and latest record of each
 * partition, or the record a group will read next. Gives up on a partition after `attempts`
 * empty reads (its records may have been deleted meanwhile).
 */
export async function readRecordsAt(
  reader: KafkaReader,
  topic: string,
  positions: readonly { partition: number; offset: string }[],
  attempts = 6,
): Promise<Map<number, KafkaMessage>> {
  const found = new Map<number, KafkaMessage>();
  if (positions.length === 0) return found;
  reader.assign(positions.map((p) => ({ topic, partition: p.partition, offset: p.offset })));
  for (let empty = 0; empty < attempts && found.size < positions.length;) {
    const batch = await reader.read(positions.length * 20, 500);
    if (batch.length === 0) empty++;
    for (const message of batch) if (!found.has(message.partition)) found.set(message.partition, message);
  }
  return found;
}
