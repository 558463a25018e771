import type { MessageDecoder } from '../records/message-decoder.js';
import type { BufferedMessage } from '../records/buffered-message.js';
import type { RecordSource } from '../records/telemetry-record.js';
import { toItems, type Item } from '../records/to-items.js';
import type { Logger } from '../internal/logger.js';
import type { ClientConfig } from '../kafka/client-config.js';
import { KafkaReader } from '../kafka/kafka-reader.js';

/** What to read. */
export interface WindowOptions<T> {
  config: ClientConfig;
  topic: string;
  /** Partitions to read. @default every partition of the topic */
  partitions?: readonly number[] | undefined;
  /** Window start, epoch ms (Kafka record time). */
  fromMs: number;
  /** Window end, epoch ms (Kafka record time), inclusive. */
  toMs: number;
  /**
   * Read this much before and after the window: record times are publish times, which may differ
   * from the telemetry times that callers filter on afterwards.
   */
  slackMs: number;
  decode: MessageDecoder<T>;
  source: RecordSource;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  logger?: Logger | undefined;
}

/** What a window read found out about retention. */
export interface WindowOutcome {
  /**
   * Per partition whose window starts before the earliest retained record (records were deleted):
   * the time of that earliest retained record.
   */
  earliestRetainedMs: Map<number, number>;
  /** Messages read. */
  messages: number;
}

// After this many empty reads in a row, the partitions are taken to be at their end.
const maxIdleReads = 6;

/**
 * Reads a time window of a topic with a side reader (manual assignment, no group, no commits):
 * each partition from the first record at `fromMs - slackMs` (Kafka's offsets-for-times) until a
 * record is later than `toMs + slackMs` or the partition's end as it was when the read started.
 * Yields the messages decoded, in partition order; returns what it found out about retention.
 */
export async function* readWindow<T>(
  options: WindowOptions<T>,
): AsyncGenerator<BufferedMessage<Item<T>>, WindowOutcome> {
  const { topic, signal } = options;
  const outcome: WindowOutcome = { earliestRetainedMs: new Map(), messages: 0 };
  await using reader = await KafkaReader.connect(options.config, [], {
    timeoutMs: options.timeoutMs,
    ...(signal ? { signal } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const partitions = options.partitions ?? (await reader.partitionsOf(topic, options.timeoutMs));
  const found = await reader.offsetsForTimes(
    partitions.map((partition) => ({ topic, partition })),
    options.fromMs - options.slackMs,
    options.timeoutMs,
  );
  const starts = new Map(found.map((p) => [p.partition, p.offset]));
  const endOffset = new Map<number, bigint>();
  const retentionStart = new Map<number, bigint>();
  const positions = [];
  for (const partition of partitions) {
    const start = starts.get(partition);
    if (start === undefined) continue; // nothing that recent on this partition
    const { low, high } = await reader.queryWatermarks(topic, partition, options.timeoutMs);
    if (BigInt(start) >= BigInt(high)) continue;
    endOffset.set(partition, BigInt(high));
    // Starting at the first retained record of a partition that lost records: the window may
    // reach back before retention; the first record's time tells.
    if (start === low && BigInt(low) > 0n) retentionStart.set(partition, BigInt(low));
    positions.push({ topic, partition, offset: start });
  }
  if (positions.length === 0) return outcome;
  reader.assign(positions);
  const lastMs = options.toMs + options.slackMs;
  const done = (partition: number): void => {
    endOffset.delete(partition);
    reader.pause(topic, partition);
  };
  let idle = 0;
  while (endOffset.size > 0 && idle < maxIdleReads) {
    signal?.throwIfAborted();
    const batch = await reader.read(1000, 500);
    idle = batch.length === 0 ? idle + 1 : 0;
    for (const message of batch) {
      const end = endOffset.get(message.partition);
      if (end === undefined) continue;
      const offset = BigInt(message.offset);
      const timestamp = message.timestamp ?? 0;
      if (retentionStart.get(message.partition) === offset) {
        if (timestamp > options.fromMs) outcome.earliestRetainedMs.set(message.partition, timestamp);
        retentionStart.delete(message.partition);
      }
      if (timestamp > lastMs) {
        done(message.partition);
        continue;
      }
      outcome.messages++;
      yield toItems(message, options.decode, options.source);
      if (offset + 1n >= end) done(message.partition);
    }
  }
  return outcome;
}
