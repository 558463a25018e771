import type { Logger } from '../internal/logger.js';
import type { ClientConfig } from '../kafka/client-config.js';
import { KafkaReader } from '../kafka/kafka-reader.js';
import { readRanges, type OffsetRange } from '../kafka/read-ranges.js';
import type { BufferedMessage } from '../records/buffered-message.js';
import type { MessageDecoder } from '../records/message-decoder.js';
import type { RecordSource } from '../records/telemetry-record.js';
import { toItems, type Item } from '../records/to-items.js';

export type { OffsetRange } from '../kafka/read-ranges.js';

/** Options of {@link readOffsetRanges}. */
export interface ReadOffsetRangesOptions<T> {
  config: ClientConfig;
  topic: string;
  /** At most one range per partition; an empty range (`fromOffset >= toOffset`) is skipped. */
  ranges: readonly OffsetRange[];
  decode: MessageDecoder<T>;
  source: RecordSource;
  /** Bounds connecting and each offset query, not the read: a broker pause just waits. */
  timeoutMs: number;
  /** Ends the read; the generator then throws `signal.reason`. */
  signal?: AbortSignal | undefined;
  logger?: Logger | undefined;
}

/**
 * Reads each range to its end, yielding decoded messages in batches (one async step per batch),
 * with a side reader (manual assignment, no group, no commits). The read ends when every range
 * reached its `toOffset` (see `readRanges`), never because reads came back empty for a while: a
 * slow broker, a broker pause or a leader election is waited out. Bound it with `signal`.
 * Nothing to read (no range, or only empty ones) yields nothing and connects nothing.
 */
export async function* readOffsetRanges<T>(
  options: ReadOffsetRangesOptions<T>,
): AsyncGenerator<BufferedMessage<Item<T>>[], void> {
  const { signal, logger } = options;
  signal?.throwIfAborted();
  if (options.ranges.every((range) => range.fromOffset >= range.toOffset)) return;
  await using reader = await KafkaReader.connect(options.config, [], {
    timeoutMs: options.timeoutMs,
    ...(signal ? { signal } : {}),
    ...(logger ? { logger } : {}),
  });
  for await (const batch of readRanges(reader, { topic: options.topic, ranges: options.ranges, signal, logger }))
    yield batch.map((message) => toItems(message, options.decode, options.source));
}
