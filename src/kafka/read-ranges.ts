import { ConfigError } from '../errors/config-error.js';
import { isGoodweKafkaError } from '../errors/goodwe-kafka-error.js';
import type { Logger } from '../internal/logger.js';
import type { KafkaMessage } from './kafka-message.js';
import type { KafkaReader, ReadPosition } from './kafka-reader.js';

/**
 * One partition's range to read: [fromOffset, toOffset). A range reaching past the partition's
 * current end waits for records to arrive there; one starting before the earliest retained offset
 * starts there.
 */
export interface OffsetRange {
  partition: number;
  fromOffset: bigint;
  toOffset: bigint;
}

/** What {@link readRanges} needs of a side reader. */
export type RangeReader = Pick<KafkaReader, 'assign' | 'readBatch' | 'pause'>;

/** Options of {@link readRanges}. */
export interface ReadRangesOptions {
  topic: string;
  ranges: readonly OffsetRange[];
  /**
   * Ends a range early at a message: `'before'` leaves the message out, `'after'` keeps it as the
   * range's last. Called for every message inside its range, in offset order per partition.
   */
  endRange?: ((message: KafkaMessage) => 'before' | 'after' | undefined) | undefined;
  signal?: AbortSignal | undefined;
  logger?: Logger | undefined;
}

// How long one read waits for a first message: only an idle read waits, and an idle read never
// ends a range (only reaching its end offset or the signal does), so this is just a poll period.
const pollMs = 500;
const maxBatch = 1000;
// Pause between reads after a retriable error, so a broker outage is waited out, not spun on.
const retryMs = 200;

/**
 * Reads each range to its end with an already connected side reader, yielding the messages of each
 * read (in offset order per partition). A range ends only when the reader reaches its `toOffset`:
 * a message at or past it, a message at `toOffset - 1`, or the end of the partition at or past it
 * (which also covers offsets that hold no record: transaction markers, compacted records). A
 * read that returns nothing (a slow broker, a broker pause, a leader election) just waits; the
 * caller bounds the whole read with `signal`, whose reason the generator then throws.
 */
export async function* readRanges(
  reader: RangeReader,
  options: ReadRangesOptions,
): AsyncGenerator<KafkaMessage[], void> {
  const { topic, signal } = options;
  signal?.throwIfAborted();
  const ends = new Map<number, bigint>();
  const starts = new Map<number, bigint>();
  const positions: ReadPosition[] = [];
  for (const range of options.ranges) {
    if (ends.has(range.partition))
      throw new ConfigError(`Reading ${topic}[${range.partition}] failed: the partition has more than one range.`);
    if (range.fromOffset < 0n)
      throw new ConfigError(`Reading ${topic}[${range.partition}] failed: offset ${range.fromOffset} is negative.`);
    if (range.fromOffset >= range.toOffset) continue;
    ends.set(range.partition, range.toOffset);
    starts.set(range.partition, range.fromOffset);
    positions.push({ topic, partition: range.partition, offset: range.fromOffset.toString() });
  }
  if (positions.length === 0) return;
  const aborted = whenAborted(signal);
  try {
    reader.assign(positions);
    const finish = (partition: number): void => {
      ends.delete(partition);
      reader.pause(topic, partition);
    };
    while (ends.size > 0) {
      const batch = await aborted.race(reader.readBatch(maxBatch, pollMs)).catch((error: unknown) => {
        if (signal?.aborted || !isGoodweKafkaError(error) || !error.retriable) throw error;
        options.logger?.debug({ topic, error: error.message }, 'Side read failed; retrying');
        return aborted.race(delay(retryMs)).then(() => undefined);
      });
      signal?.throwIfAborted();
      if (batch === undefined) continue;
      const out: KafkaMessage[] = [];
      for (const message of batch.messages) {
        const end = ends.get(message.partition);
        const offset = BigInt(message.offset);
        // Below the start only after a reset to the earliest offset: not part of the range.
        if (end === undefined || offset < starts.get(message.partition)!) continue;
        if (offset >= end) {
          finish(message.partition);
          continue;
        }
        const verdict = options.endRange?.(message);
        if (verdict === 'before') {
          finish(message.partition);
          continue;
        }
        out.push(message);
        if (verdict === 'after' || offset + 1n >= end) finish(message.partition);
      }
      // The end of a partition comes after its messages: everything of the range was read.
      for (const reached of batch.ends) {
        const end = ends.get(reached.partition);
        if (end !== undefined && BigInt(reached.offset) >= end) finish(reached.partition);
      }
      if (out.length > 0) yield out;
    }
  } finally {
    aborted.dispose();
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Races work against the signal (rejecting with its reason), and stops listening on dispose. */
function whenAborted(signal: AbortSignal | undefined): {
  race: <V>(work: Promise<V>) => Promise<V>;
  dispose: () => void;
} {
  if (!signal) return { race: (work) => work, dispose: () => undefined };
  let onAbort = (): void => undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => undefined);
  return { race: (work) => Promise.race([work, aborted]), dispose: () => signal.removeEventListener('abort', onAbort) };
}
