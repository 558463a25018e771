import { KafkaReader } from '../../src/kafka/kafka-reader.js';

/** Record times of the first and last record across the topic's partitions. */
export async function topicTimeRange(bootstrap: string, topic: string): Promise<{ firstMs: number; lastMs: number }> {
  await using reader = await KafkaReader.connect({ 'bootstrap.servers': bootstrap }, []);
  const partitions = await reader.partitionsOf(topic);
  let firstMs = Number.POSITIVE_INFINITY;
  let lastMs = Number.NEGATIVE_INFINITY;
  for (const partition of partitions) {
    const { low, high } = await reader.queryWatermarks(topic, partition);
    for (const offset of [low, String(BigInt(high) - 1n)]) {
      reader.assign([{ topic, partition, offset }]);
      const [message] = await reader.read(1, 5000);
      const time = message?.timestamp;
      if (time === undefined) continue;
      firstMs = Math.min(firstMs, time);
      lastMs = Math.max(lastMs, time);
    }
  }
  return { firstMs, lastMs };
}
