import { DataLossError } from '../errors/data-loss-error.js';
import type { KafkaGroupConsumer, Partition } from '../kafka/kafka-group-consumer.js';

/**
 * Compares each newly assigned partition's committed offset with the earliest retained one. A
 * committed offset below it means records were deleted before this group read them: librdkafka
 * would silently jump ahead, so the loss is reported instead.
 */
export async function detectDataLoss(
  kafka: KafkaGroupConsumer,
  partitions: Partition[],
  timeoutMs: number,
): Promise<DataLossError[]> {
  try {
    const committed = await kafka.committed(partitions, timeoutMs);
    const losses: DataLossError[] = [];
    for (const c of committed) {
      if (BigInt(c.offset) < 0n) continue; // nothing committed yet
      const { low } = await kafka.queryWatermarks(c.topic, c.partition, timeoutMs);
      if (BigInt(c.offset) < BigInt(low)) losses.push(new DataLossError(c.topic, c.partition, c.offset, low));
    }
    return losses;
  } catch {
    // Best effort: the check must never stop consumption.
    return [];
  }
}
