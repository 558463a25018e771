import type { MessageDecoder } from '../records/message-decoder.js';
import type { BufferedMessage } from '../records/buffered-message.js';
import type { RecordSource } from '../records/telemetry-record.js';
import { toItems, type Item } from '../records/to-items.js';
import { UnknownTopicError } from '../errors/unknown-topic-error.js';
import type { Logger } from '../internal/logger.js';
import type { ClientConfig } from '../kafka/client-config.js';
import { KafkaReader } from '../kafka/kafka-reader.js';
import { readRanges, type OffsetRange } from '../kafka/read-ranges.js';

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
  /** Bounds connecting and each offset query, not the read: a broker pause just waits. */
  timeoutMs: number;
  /** Ends the read; the generator then throws `signal.reason`. */
  signal?: AbortSignal | undefined;
  logger?: Logger | undefined;
  /** Told the offset ranges the window resolved to, before they are read (for progress). */
  onRanges?: ((ranges: readonly OffsetRange[]) => void) | undefined;
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

/**
 * Reads a time window of a topic with a side reader (manual assignment, no group, no commits):
 * each partition from the first record at `fromMs - slackMs` (Kafka's offsets-for-times) to the
 * partition's end offset as it was when the read started, stopping a partition early at its first
 * record later than `toMs + slackMs`. Only reaching those ends finishes the read, never a quiet
 * spell: a slow broker or a broker pause is waited out (bound it with `signal`). Yields the
 * messages decoded, in offset order per partition; returns what it found out about retention.
 */
export async function* readWindow<T>(
  options: WindowOptions<T>,
): AsyncGenerator<BufferedMessage<Item<T>>, WindowOutcome> {
  const { topic, signal, logger } = options;
  const outcome: WindowOutcome = { earliestRetainedMs: new Map(), messages: 0 };
  await using reader = await KafkaReader.connect(options.config, [], {
    timeoutMs: options.timeoutMs,
    ...(signal ? { signal } : {}),
    ...(logger ? { logger } : {}),
  });
  const { ranges, retentionStart } = await planWindow(reader, options);
  options.onRanges?.(ranges);
  const lastMs = options.toMs + options.slackMs;
  const endRange = (message: { timestamp?: number | undefined }): 'before' | undefined =>
    (message.timestamp ?? 0) > lastMs ? 'before' : undefined;
  for await (const batch of readRanges(reader, { topic, ranges, endRange, signal, logger })) {
    for (const message of batch) {
      // The first retained record of a partition that lost records: its time says whether the
      // window reaches back before retention.
      if (retentionStart.get(message.partition) === BigInt(message.offset)) {
        const timestamp = message.timestamp ?? 0;
        if (timestamp > options.fromMs) outcome.earliestRetainedMs.set(message.partition, timestamp);
      }
      outcome.messages++;
      yield toItems(message, options.decode, options.source);
    }
  }
  return outcome;
}

/**
 * The ranges of a window: per partition from the first offset at `fromMs - slackMs` to the end
 * offset now; and the partitions whose range starts at a first retained offset above 0.
 */
async function planWindow<T>(
  reader: KafkaReader,
  options: WindowOptions<T>,
): Promise<{ ranges: OffsetRange[]; retentionStart: Map<number, bigint> }> {
  const { topic, timeoutMs } = options;
  const partitions = options.partitions ?? (await reader.partitionsOf(topic, timeoutMs));
  if (partitions.length === 0)
    throw new UnknownTopicError(`Reading topic ${topic} failed: the topic does not exist or has no partitions.`);
  const starts = await reader.offsetsForTimes(
    partitions.map((partition) => ({ topic, partition })),
    options.fromMs - options.slackMs,
    timeoutMs,
  );
  const ranges: OffsetRange[] = [];
  const retentionStart = new Map<number, bigint>();
  for (const partition of partitions) {
    const start = starts.get(partition);
    if (start === undefined) continue; // nothing that recent on this partition
    const { low, high } = await reader.queryWatermarks(topic, partition, timeoutMs);
    ranges.push({ partition, fromOffset: BigInt(start), toOffset: BigInt(high) });
    if (start === low && BigInt(low) > 0n) retentionStart.set(partition, BigInt(low));
  }
  return { ranges, retentionStart };
}
