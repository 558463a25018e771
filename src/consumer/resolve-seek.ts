import type { ClientConfig } from '../kafka/client-config.js';
import type { GroupConsumer } from '../kafka/group-consumer.js';
import type { Partition } from '../kafka/kafka-message.js';
import { KafkaReader } from '../kafka/kafka-reader.js';
import { readFirstRecords } from '../kafka/read-first-records.js';
import type { SeekResult } from './seek-result.js';
import { KafkaClientError } from '../errors/kafka-client-error.js';

/**
 * The time of the first record at or after `offset`, read with a side reader; undefined when none
 * comes within `timeoutMs` (this only refines a flag, so it never holds the seek up for long).
 */
async function recordTime(
  config: ClientConfig,
  p: Partition,
  offset: string,
  end: string,
  timeoutMs: number,
): Promise<number | undefined> {
  const signal = AbortSignal.timeout(timeoutMs);
  await using reader = await KafkaReader.connect(config, [], { timeoutMs, signal });
  const range = { partition: p.partition, fromOffset: BigInt(offset), toOffset: BigInt(end) };
  const found = await readFirstRecords(reader, p.topic, [range], signal).catch((error: unknown) => {
    if (signal.aborted) return undefined;
    throw error;
  });
  return found?.get(p.partition)?.timestamp;
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
      const first = await recordTime(await config(), p, low, high, timeoutMs);
      beforeRetention = first !== undefined && first > timeMs;
    }
    results.push({ ...p, offset, atEnd: false, beforeRetention });
  }
  return results;
}
