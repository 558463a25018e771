import type { CommittedOffset } from './group-consumer.js';
import type { Partition } from './kafka-message.js';
import { toGoodweError } from './map-error.js';
import type { NativeConsumer } from './native.js';

/** Earliest and next offsets of a partition (decimal strings). */
export interface Watermarks {
  low: string;
  high: string;
}

/**
 * Earliest and next offsets of a partition, asked of the broker (not the fetcher's cached
 * values, which lag behind and are absent before a first fetch).
 */
export function queryWatermarks(client: NativeConsumer, p: Partition, timeoutMs: number): Promise<Watermarks> {
  return new Promise((resolve, reject) =>
    client.queryWatermarkOffsets(p.topic, p.partition, timeoutMs, (error, offsets) =>
      error
        ? reject(toGoodweError(error, { operation: `Reading the offsets of ${p.topic}[${p.partition}]` }))
        : resolve({ low: String(offsets.lowOffset), high: String(offsets.highOffset) }),
    ),
  );
}

/**
 * Per partition, the first offset whose record timestamp is at or after `timeMs`, or `undefined`
 * when no record is that recent. The lookup is the broker's, by record timestamp: with
 * producer-set timestamps an older record may still follow the offset returned.
 */
export function queryOffsetsForTimes(
  client: NativeConsumer,
  partitions: readonly Partition[],
  timeMs: number,
  timeoutMs: number,
): Promise<Map<number, string | undefined>> {
  // librdkafka takes the timestamp in the offset field (node-rdkafka#1109).
  const query = partitions.map((p) => ({ topic: p.topic, partition: p.partition, offset: timeMs }));
  return new Promise((resolve, reject) =>
    client.offsetsForTimes(query, timeoutMs, (error, offsets) => {
      // A partition that failed comes back as a bare Error: never read it as "no record that recent".
      const failed = error ?? offsets.find((o) => o instanceof Error || typeof o.partition !== 'number');
      return failed
        ? reject(toGoodweError(failed, { operation: `Looking up offsets at ${new Date(timeMs).toISOString()}` }))
        : resolve(new Map(offsets.map((o) => [o.partition, o.offset >= 0 ? String(o.offset) : undefined])));
    }),
  );
}

/** The group's committed next-offsets of these partitions; `undefined` where it committed none. */
export function queryCommitted(
  client: NativeConsumer,
  partitions: readonly Partition[],
  timeoutMs: number,
): Promise<CommittedOffset[]> {
  return new Promise((resolve, reject) =>
    client.committed([...partitions], timeoutMs, (error, list) => {
      // The binding puts a bare Error in place of a partition that failed: never "no commit".
      const failed = error ?? list.find((p) => p instanceof Error || typeof p.partition !== 'number');
      return failed
        ? reject(toGoodweError(failed, { operation: 'Reading committed offsets' }))
        : resolve(
            list.map((p) => ({
              topic: p.topic,
              partition: p.partition,
              // librdkafka says "no commit" with a negative logical offset (-1001); the binding
              // sometimes leaves the field out altogether.
              offset: typeof p.offset === 'number' && p.offset >= 0 ? String(p.offset) : undefined,
              // Commit metadata, when the commit had some (live-first catch-up keeps its pending backfill there).
              metadata: (p as { metadata?: string }).metadata,
            })),
          );
    }),
  );
}
