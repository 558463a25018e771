import type { KafkaMessage } from './kafka-message.js';
import type { KafkaReader } from './kafka-reader.js';
import { readRanges, type OffsetRange } from './read-ranges.js';

/**
 * The first record at or after each range's start and before its end, per partition (absent where
 * the range holds none: deleted, compacted, or only transaction markers). Reads through
 * {@link readRanges}, so a slow broker is waited for; `signal` bounds the wait.
 */
export async function readFirstRecords(
  reader: KafkaReader,
  topic: string,
  ranges: readonly OffsetRange[],
  signal?: AbortSignal,
): Promise<Map<number, KafkaMessage>> {
  const found = new Map<number, KafkaMessage>();
  const firsts = readRanges(reader, { topic, ranges, endRange: () => 'after', signal });
  for await (const batch of firsts) for (const message of batch) found.set(message.partition, message);
  return found;
}
