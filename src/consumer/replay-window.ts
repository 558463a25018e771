import type { KafkaConnection } from '../auth/kafka-connection.js';
import { readWindow } from '../gaps/read-window.js';
import { ReplayDedupe, readingTimeMs } from '../gaps/replay-dedupe.js';
import type { Logger } from '../internal/logger.js';
import { toClientConfig } from '../kafka/connection-config.js';
import type { MessageDecoder } from '../records/message-decoder.js';
import type { TelemetryRecord } from '../records/telemetry-record.js';

/** Options of `TelemetryConsumer#replay`. */
export interface ReplayOptions {
  /** Window start (telemetry time), inclusive. */
  from: Date;
  /** Window end (telemetry time), inclusive. */
  to: Date;
  /** Only these inverters. @default all */
  serialNumbers?: readonly string[];
  /**
   * Read this much of the log before `from` and after `to`: Kafka record times are publish
   * times, which can differ from telemetry times. @default 600000 (10 minutes)
   */
  slackMs?: number;
  /** Ends the replay when aborted; iteration rejects with `signal.reason`. */
  signal?: AbortSignal;
}

/** Everything `replayWindow` needs from the consumer. */
export interface ReplayContext<T> {
  connection: KafkaConnection;
  decode: MessageDecoder<T>;
  logger: Logger;
  timeoutMs: number;
}

/**
 * The readings of a closed time window, read by a side reader (no group, no commits) across every
 * partition, de-duplicated on (serial number, telemetry time), in partition order.
 */
export async function* replayWindow<T>(
  options: ReplayOptions,
  context: ReplayContext<T>,
): AsyncGenerator<TelemetryRecord<T>> {
  const fromMs = options.from.getTime();
  const toMs = options.to.getTime();
  const wanted = options.serialNumbers ? new Set(options.serialNumbers) : undefined;
  const dedupe = new ReplayDedupe();
  const window = readWindow({
    config: await toClientConfig(context.connection),
    topic: context.connection.topic,
    fromMs,
    toMs,
    slackMs: options.slackMs ?? 600_000,
    decode: context.decode,
    source: 'replay',
    timeoutMs: context.timeoutMs,
    signal: options.signal,
    logger: context.logger,
  });
  for await (const message of window) {
    for (const item of message.items) {
      if (item.kind !== 'record') continue;
      const timeMs = readingTimeMs(item);
      if (timeMs < fromMs || timeMs > toMs) continue;
      if (wanted && !wanted.has(item.serialNumber)) continue;
      if (dedupe.repeats(message.partition, item)) continue;
      yield item.record;
    }
  }
}
