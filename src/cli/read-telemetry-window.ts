import type { KafkaConnection } from '../auth/kafka-connection.js';
import type { InvalidTelemetryRecord, TelemetryRecord } from '../records/telemetry-record.js';
import { UnknownTopicError } from '../errors/unknown-topic-error.js';
import { toClientConfig } from '../kafka/connection-config.js';
import { KafkaReader, type ReadPosition } from '../kafka/kafka-reader.js';
import type { InverterTelemetry } from '../telemetry/inverter-telemetry-schema.js';
import { decodeMessage } from './decode-message.js';

/** What to read. */
export interface TelemetryWindowOptions {
  connection: KafkaConnection;
  /** Start of the window (record time, inclusive). */
  from: Date;
  /** End of the window (record time, inclusive). */
  to: Date;
  /** Only these inverters. @default every inverter */
  serialNumbers?: readonly string[] | undefined;
  signal?: AbortSignal | undefined;
  /** Messages read so far of those the window spans at most (an upper bound: the end is found by time). */
  onProgress?: ((read: number, total: number) => void) | undefined;
  /**
   * Earliest retained record time over the partitions that lost records (low watermark above 0),
   * once known, for gap outcomes; undefined when no partition lost any.
   */
  onRetention?: ((earliestRetainedMs: number | undefined) => void) | undefined;
}

/** One item of a window: a reading, or a message that could not be decoded. */
export type WindowItem =
  { kind: 'record'; record: TelemetryRecord<InverterTelemetry> } | { kind: 'invalid'; record: InvalidTelemetryRecord };

/**
 * Reads the telemetry whose record time lies in `[from, to]`, with a side reader (no group, no
 * commits): per partition from the offset `offsetsForTimes(from)` gives, until a record passes
 * `to` or the partition's end as it was when the read began.
 *
 * This is what `goodwe-kafka replay` and `gaps` read through until `TelemetryConsumer#replay()`
 * exists; it yields the same records (`source: 'replay'`), so switching is a one-line change.
 */
export async function* readTelemetryWindow(options: TelemetryWindowOptions): AsyncGenerator<WindowItem> {
  const { connection, signal } = options;
  const topic = connection.topic;
  const fromMs = options.from.getTime();
  const toMs = options.to.getTime();
  const serials = options.serialNumbers ? new Set(options.serialNumbers) : undefined;
  const reader = await KafkaReader.connect(await toClientConfig(connection), [], {
    timeoutMs: connection.connectTimeoutMs,
    logger: connection.logger,
    ...(signal ? { signal } : {}),
  });
  try {
    const partitions = await reader.partitionsOf(topic);
    if (partitions.length === 0)
      throw new UnknownTopicError(`Reading topic ${topic} failed: the topic does not exist.`);
    const ends = new Map<number, bigint>();
    const positions: ReadPosition[] = [];
    const starts = await reader.offsetsForTimes(
      partitions.map((partition) => ({ topic, partition })),
      fromMs,
    );
    let total = 0n;
    for (const { partition, offset } of starts) {
      const { high } = await reader.queryWatermarks(topic, partition);
      if (offset === undefined || BigInt(offset) >= BigInt(high)) continue;
      ends.set(partition, BigInt(high));
      positions.push({ topic, partition, offset });
      total += BigInt(high) - BigInt(offset);
    }
    options.onRetention?.(await earliestRetained(reader, topic, partitions));
    if (positions.length === 0) return;
    reader.assign(positions);
    let read = 0;
    let idleReads = 0;
    // Ends when every partition passed `to` or its end; a partition that returns nothing for
    // a few reads in a row (records deleted under us) counts as finished rather than waited on forever.
    while (ends.size > 0 && idleReads < 5) {
      signal?.throwIfAborted();
      const batch = await reader.read(1000, 500);
      idleReads = batch.length === 0 ? idleReads + 1 : 0;
      for (const message of batch) {
        const end = ends.get(message.partition);
        if (end === undefined) continue;
        read++;
        const offset = BigInt(message.offset);
        if (offset + 1n >= end) ends.delete(message.partition);
        const time = message.timestamp ?? 0;
        if (time > toMs) {
          ends.delete(message.partition);
          continue;
        }
        if (time < fromMs) continue;
        const decoded = decodeMessage(message, 'replay');
        if (!decoded.ok) {
          if (!serials) yield { kind: 'invalid', record: decoded.invalid };
          continue;
        }
        for (const record of decoded.records) {
          if (!serials || serials.has(record.value.serialNumber)) yield { kind: 'record', record };
        }
      }
      options.onProgress?.(read, Number(total));
    }
  } finally {
    await reader.close();
  }
}

/**
 * The time of the oldest record still in the log, over the partitions whose log no longer starts at
 * offset 0 (a read of each one's first record): a log that never lost anything starts nowhere late.
 */
async function earliestRetained(reader: KafkaReader, topic: string, partitions: number[]): Promise<number | undefined> {
  const lows = await Promise.all(partitions.map((partition) => reader.offsetsForTimes([{ topic, partition }], 0)));
  const found = lows.flat().filter((p) => p.offset !== undefined && BigInt(p.offset) > 0n);
  if (found.length === 0) return undefined;
  reader.assign(found.map((p) => ({ topic, partition: p.partition, offset: p.offset! })));
  const times = new Map<number, number>();
  for (let attempt = 0; attempt < 5 && times.size < found.length; attempt++) {
    for (const message of await reader.read(found.length * 10, 500)) {
      if (!times.has(message.partition) && message.timestamp !== undefined)
        times.set(message.partition, message.timestamp);
    }
  }
  return times.size === 0 ? undefined : Math.min(...times.values());
}
