import type { KafkaConnection } from '../../auth/kafka-connection.js';
import { createTelemetryConsumer } from '../../consumer/create-telemetry-consumer.js';
import type { DemoGapTracker } from './demo-gap-tracker.js';

/** What the demo's consumer saw. */
export interface DemoConsumption {
  /** Records handed to the loop body. */
  records: number;
  /** Distinct (serial number, reading time) pairs among them. */
  distinctReadings: number;
  /** Records whose (serial number, time) had been seen before. */
  duplicatesSeen: number;
  /** Undecodable messages the consumer skipped (`onInvalid: 'skip'`). */
  invalidSkipped: number;
  /** Messages accounted for: with records, or skipped. */
  messages: number;
  elapsedMs: number;
  /** False when it stopped because nothing more arrived for `idleMs`. */
  complete: boolean;
}

/**
 * Consumes the demo topic from the start with the library's consumer until `expectedMessages`
 * messages are accounted for (or nothing arrives for `idleMs`), counting what a user would check.
 */
export async function consumeDemoTopic(options: {
  connection: KafkaConnection;
  groupId: string;
  expectedMessages: number;
  gaps: DemoGapTracker;
  signal: AbortSignal;
  idleMs?: number;
  onProgress?: (messages: number) => void;
}): Promise<DemoConsumption> {
  const stop = new AbortController();
  const signal = AbortSignal.any([options.signal, stop.signal]);
  const consumer = createTelemetryConsumer({ connection: options.connection, groupId: options.groupId, signal });
  const seen = new Set<string>();
  const lastOffset = new Map<number, string>();
  let records = 0;
  let withRecords = 0;
  let lastChange = Date.now();
  let started = 0;
  const accounted = (): number => withRecords + consumer.stats().invalid;
  // Skipped invalid messages never reach the loop body, so completion is also checked on a timer.
  const watch = setInterval(() => {
    if (accounted() >= options.expectedMessages || Date.now() - lastChange > (options.idleMs ?? 20_000)) stop.abort();
  }, 200);
  try {
    for await (const record of consumer) {
      started ||= Date.now();
      lastChange = Date.now();
      records++;
      // Records of one message are consecutive: a new offset on a partition is a new message.
      if (lastOffset.get(record.partition) !== record.offset) {
        lastOffset.set(record.partition, record.offset);
        withRecords++;
        options.onProgress?.(accounted());
      }
      const key = `${record.value.serialNumber}@${record.value.time?.getTime() ?? 'none'}`;
      if (!seen.has(key)) seen.add(key);
      options.gaps.observe(record);
      if (accounted() >= options.expectedMessages) break;
    }
  } finally {
    clearInterval(watch);
    await consumer.close();
  }
  options.signal.throwIfAborted();
  const stats = consumer.stats();
  return {
    records,
    distinctReadings: seen.size,
    duplicatesSeen: records - seen.size,
    invalidSkipped: stats.invalid,
    messages: withRecords + stats.invalid,
    elapsedMs: started === 0 ? 0 : Date.now() - started,
    complete: withRecords + stats.invalid >= options.expectedMessages,
  };
}
