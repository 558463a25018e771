import type { MessageDecoder } from '../records/message-decoder.js';
import type { ClientConfig } from '../kafka/client-config.js';
import { KafkaReader } from '../kafka/kafka-reader.js';
import { readFirstRecords } from '../kafka/read-first-records.js';
import { readWindow } from './read-window.js';
import { readingFingerprint } from './reading-fingerprint.js';

/** What to rebuild from. */
export interface RebuildOptions<T> {
  config: ClientConfig;
  topic: string;
  partition: number;
  /** The group's committed offset: everything before it counts as seen. */
  endOffset: string;
  lookbackMs: number;
  decode: MessageDecoder<T>;
  timeoutMs: number;
  signal: AbortSignal;
}

/** What the detector and the dedupe window need of one reading read back: nothing else is kept. */
export interface LookbackReading {
  serialNumber: string;
  timeMs: number;
  /** Content fingerprint for the dedupe window (see `readingFingerprint`); 0 or absent when unknown. */
  fingerprint?: number;
}

/**
 * The readings of the `lookbackMs` of log just before a committed offset (what the group had
 * already seen of each inverter when the partition was assigned here), streamed one message's
 * readings at a time: at 100,000 inverters the lookback holds hundreds of thousands of readings
 * per partition, and none of them has to be kept once the detector and the dedupe window took it.
 * Stopping the iteration (a `break`) closes the side reader.
 */
export async function* rebuildFromLog<T>(options: RebuildOptions<T>): AsyncGenerator<LookbackReading[]> {
  const last = BigInt(options.endOffset) - 1n;
  const lastTimestamp = await (async () => {
    // A lookup, bounded like one: without it there is simply no lookback to rebuild from.
    const signal = AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)]);
    await using reader = await KafkaReader.connect(options.config, [], { timeoutMs: options.timeoutMs, signal });
    const range = { partition: options.partition, fromOffset: last, toOffset: last + 1n };
    const found = await readFirstRecords(reader, options.topic, [range], signal).catch((error: unknown) => {
      if (signal.aborted && !options.signal.aborted) return undefined;
      throw error;
    });
    return found?.get(options.partition)?.timestamp;
  })();
  if (lastTimestamp === undefined) return;
  const window = readWindow({
    config: options.config,
    topic: options.topic,
    partitions: [options.partition],
    fromMs: lastTimestamp - options.lookbackMs,
    toMs: lastTimestamp,
    slackMs: 0,
    decode: options.decode,
    source: 'live',
    timeoutMs: options.timeoutMs,
    signal: options.signal,
  });
  for await (const message of window) {
    if (BigInt(message.offset) > last) break;
    const readings: LookbackReading[] = [];
    for (const item of message.items) {
      if (item.kind === 'record' && item.timeMs !== undefined)
        readings.push({
          serialNumber: item.serialNumber,
          timeMs: item.timeMs,
          fingerprint: readingFingerprint(item.record.raw),
        });
    }
    if (readings.length > 0) yield readings;
  }
}
