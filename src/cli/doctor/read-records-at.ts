import type { KafkaMessage } from '../../kafka/kafka-message.js';
import type { KafkaReader } from '../../kafka/kafka-reader.js';
import { readFirstRecords } from '../../kafka/read-first-records.js';
import type { OffsetRange } from '../../kafka/read-ranges.js';

/**
 * The first record of each range, for its time: the earliest and latest record of each partition,
 * or the record a group will read next. Bounded like a lookup: a broker that does not answer
 * within `timeoutMs` leaves the times unknown rather than holding the doctor up; `signal` (the
 * user's interrupt) rejects with its reason.
 */
export async function readRecordsAt(
  reader: KafkaReader,
  topic: string,
  ranges: readonly OffsetRange[],
  signal: AbortSignal,
  timeoutMs: number,
): Promise<Map<number, KafkaMessage>> {
  const bounded = AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]);
  return readFirstRecords(reader, topic, ranges, bounded).catch((error: unknown) => {
    if (bounded.aborted && !signal.aborted) return new Map<number, KafkaMessage>();
    throw error;
  });
}
