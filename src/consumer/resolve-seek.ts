import type { ClientConfig } from '../kafka/client-config.js';
import type { GroupConsumer } from '../kafka/group-consumer.js';
import type { Partition } from '../kafka/kafka-message.js';
import { KafkaReader } from '../kafka/kafka-reader.js';
import type { SeekResult } from './seek-result.js';
import { KafkaClientError } from '../errors/kafka-client-error.js';

/** The time of the record at `offset`, read with a side reader. */
async function recordTime(
  config: ClientConfig,
  p: Partition,
  offset: string,
  timeoutMs: number,
): Promise<number | undefined> {
  await using reader = await KafkaReader.connect(config, [{ topic: p.topic, partition: p.partition, offset }], {
    timeoutMs,
  });
  const [message] = await reader.read(1, timeoutMs);
  return message?.timestamp;
}

/**
 * Resolves, per partition, the offset `seekToTime` moves to: the first record at
 * or after the time; the end when there is none; the earliest retained offset, flagged, when the
 * time is before retention.
 */
export async function resolveSeek(
  kafka: GroupConsumer,
  config: () => Promise<ClientConfig>,
  partitions: Partition[],
  timeMs: number,
  timeoutMs: number,
): Promise<SeekResult[]> {
  const found = await kafka.offsetsForTimes(partitions, timeMs, timeoutMs);
  const results: SeekResult[] = [];
  for (const p of partitions) {
    const { low, high } = await kafka.watermarks(p, timeoutMs);
    if (!found.has(p.partition))
      throw new KafkaClientError(
        `Looking up offsets of ${p.topic}[${p.partition}] failed: the broker gave no answer for it.`,
      );
    const offset = found.get(p.partition);
    if (offset === undefined) {
      results.push({ ...p, offset: high, atEnd: true, beforeRetention: false });
      continue;
    }
    // The first retained record of a partition that lost records may be later than the time.
    let beforeRetention = false;
    if (offset === low && BigInt(low) > 0n) {
      const first = await recordTime(await config(), p, low, timeoutMs);
      beforeRetention = first !== undefined && first > timeMs;
    }
    results.push({ ...p, offset, atEnd: false, beforeRetention });
  }
  return results;
}
