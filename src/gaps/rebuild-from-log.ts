import type { MessageDecoder } from '../records/message-decoder.js';
import type { ClientConfig } from '../kafka/client-config.js';
import { KafkaReader } from '../kafka/kafka-reader.js';
import { readWindow } from './read-window.js';

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

/**
 * The readings of the `lookbackMs` of log just before a committed offset: what the group had
 * already seen of each inverter when the partition was assigned here.
 */
export async function rebuildFromLog<T>(
  options: RebuildOptions<T>,
): Promise<{ serialNumber: string; timeMs: number }[]> {
  const last = BigInt(options.endOffset) - 1n;
  const lastTimestamp = await (async () => {
    await using reader = await KafkaReader.connect(options.config, [
      { topic: options.topic, partition: options.partition, offset: last.toString() },
    ]);
    const [message] = await reader.read(1, options.timeoutMs);
    return message?.timestamp;
  })();
  if (lastTimestamp === undefined) return [];
  const readings: { serialNumber: string; timeMs: number }[] = [];
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
    for (const item of message.items) {
      if (item.kind === 'record' && item.timeMs !== undefined)
        readings.push({ serialNumber: item.serialNumber, timeMs: item.timeMs });
    }
  }
  return readings;
}
