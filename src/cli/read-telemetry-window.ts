import type { KafkaConnection } from '../auth/kafka-connection.js';
import { readWindow } from '../gaps/read-window.js';
import { ReplayDedupe } from '../gaps/replay-dedupe.js';
import { toClientConfig } from '../kafka/connection-config.js';
import type { InvalidTelemetryRecord, TelemetryRecord } from '../records/telemetry-record.js';
import { decodeTelemetry } from '../telemetry/decode-telemetry.js';
import type { InverterTelemetry } from '../telemetry/inverter-telemetry-schema.js';

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
   * Once the window was read: the earliest retained record time over the partitions whose window
   * reaches back before it (records were deleted), for gap outcomes; undefined when none does.
   */
  onRetention?: ((earliestRetainedMs: number | undefined) => void) | undefined;
}

/** One item of a window: a reading, or a message that could not be decoded. */
export type WindowItem =
  { kind: 'record'; record: TelemetryRecord<InverterTelemetry> } | { kind: 'invalid'; record: InvalidTelemetryRecord };

// Progress is reported every this many messages, and at the end.
const progressEvery = 500;

/**
 * Reads the telemetry whose record time lies in `[from, to]` with the library's window reader
 * (no group, no commits; each partition up to its end offset when the read began, a slow broker
 * waited out), and de-duplicates readings exactly as `TelemetryConsumer#replay()` does, so a
 * reading published twice is printed once. Yields `source: 'replay'` records.
 */
export async function* readTelemetryWindow(options: TelemetryWindowOptions): AsyncGenerator<WindowItem> {
  const { connection } = options;
  const fromMs = options.from.getTime();
  const serials = options.serialNumbers ? new Set(options.serialNumbers) : undefined;
  const dedupe = new ReplayDedupe();
  let total = 0n;
  const window = readWindow({
    config: await toClientConfig(connection),
    topic: connection.topic,
    fromMs,
    toMs: options.to.getTime(),
    slackMs: 0,
    decode: (bytes) => decodeTelemetry(bytes),
    source: 'replay',
    timeoutMs: connection.connectTimeoutMs,
    signal: options.signal,
    logger: connection.logger,
    onRanges: (ranges) => {
      for (const range of ranges) total += range.toOffset - range.fromOffset;
    },
  });
  let read = 0;
  let next = await window.next();
  while (!next.done) {
    const message = next.value;
    if (++read % progressEvery === 0) options.onProgress?.(read, Number(total));
    for (const item of message.items) {
      // offsetsForTimes starts at the first record at or after `from`; an older one may follow it.
      if (item.record.timestamp.getTime() < fromMs) continue;
      if (item.kind === 'invalid') {
        if (!serials) yield item;
        continue;
      }
      if (serials && !serials.has(item.serialNumber)) continue;
      if (dedupe.repeats(message.partition, item)) continue;
      yield { kind: 'record', record: item.record };
    }
    next = await window.next();
  }
  options.onProgress?.(read, Number(total));
  const earliest = [...next.value.earliestRetainedMs.values()];
  options.onRetention?.(earliest.length === 0 ? undefined : Math.min(...earliest));
}
