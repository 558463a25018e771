import type { KafkaConnection } from '../../auth/kafka-connection.js';
import { createTelemetryConsumer } from '../../consumer/create-telemetry-consumer.js';
import type { TelemetryRecord } from '../../records/telemetry-record.js';
import type { InverterTelemetry } from '../../telemetry/inverter-telemetry-schema.js';
import { demoGapSummary, gapsConcluded, type DemoGapSummary } from './demo-gap-tracker.js';

/** What the demo's consumer saw. */
export interface DemoConsumption {
  /** Records handed to the loop body (live and refilled). */
  records: number;
  /** Distinct (serial number, reading time) pairs among them. */
  distinctReadings: number;
  /** Records whose (serial number, time) had been handed to the body before: should be none. */
  duplicatesSeen: number;
  /** Readings the consumer's de-duplication dropped before the body. */
  duplicatesDropped: number;
  /** Undecodable messages the consumer skipped (`onInvalid: 'skip'`). */
  invalidSkipped: number;
  /** Messages accounted for: delivered, dropped as duplicates, or skipped. */
  messages: number;
  elapsedMs: number;
  /** False when it stopped because nothing more arrived for `idleMs`. */
  complete: boolean;
  gaps: DemoGapSummary;
}

/**
 * Consumes the demo topic from the start with the library's consumer, gap refill on, until
 * `expectedMessages` messages are accounted for and every gap found has ended in an event (or
 * nothing happens for `idleMs`), counting what a user would check.
 */
export async function consumeDemoTopic(options: {
  connection: KafkaConnection;
  groupId: string;
  expectedMessages: number;
  expectedIntervalMs: number;
  signal: AbortSignal;
  idleMs?: number;
  onProgress?: (messages: number) => void;
  /** Writes each batch to a database before it is committed (the PostgreSQL sink). */
  write?: (batch: readonly TelemetryRecord<InverterTelemetry>[]) => Promise<unknown>;
}): Promise<DemoConsumption> {
  const stop = new AbortController();
  const signal = AbortSignal.any([options.signal, stop.signal]);
  const consumer = createTelemetryConsumer({
    connection: options.connection,
    groupId: options.groupId,
    signal,
    gaps: { refill: true, expectedIntervalMs: options.expectedIntervalMs, settleMs: 1000 },
  });
  const seen = new Set<string>();
  const lastOffset = new Map<number, string>();
  let records = 0;
  let liveMessages = 0;
  let lastChange = Date.now();
  let started = 0;
  let caughtUp = 0;
  const accounted = (): number => {
    const stats = consumer.stats();
    return liveMessages + stats.invalid + stats.duplicatesDropped;
  };
  // Skipped and de-duplicated messages never reach the loop body, so completion is watched on a timer.
  const watch = setInterval(() => {
    const done = accounted() >= options.expectedMessages && gapsConcluded(consumer.stats());
    if (done || Date.now() - lastChange > (options.idleMs ?? 20_000)) stop.abort();
  }, 200);
  try {
    // In batches, as a service writing to a database would: a batch is committed after its write.
    for await (const batch of consumer.batches({ maxRecords: 1000, maxWaitMs: 200 })) {
      started ||= Date.now();
      lastChange = Date.now();
      for (const record of batch) {
        records++;
        // Records of one message are consecutive: a new offset on a partition is a new message.
        if (record.source === 'live' && lastOffset.get(record.partition) !== record.offset) {
          lastOffset.set(record.partition, record.offset);
          liveMessages++;
          // Throughput is measured to the last live message, not over the wait for refill scans.
          if (caughtUp === 0 && accounted() >= options.expectedMessages) caughtUp = Date.now();
        }
        seen.add(`${record.value.serialNumber}@${record.value.time?.getTime() ?? 'none'}`);
      }
      await options.write?.(batch);
      options.onProgress?.(accounted());
    }
  } finally {
    clearInterval(watch);
    await consumer.close();
  }
  options.signal.throwIfAborted();
  const stats = consumer.stats();
  const messages = liveMessages + stats.invalid + stats.duplicatesDropped;
  return {
    records,
    distinctReadings: seen.size,
    duplicatesSeen: records - seen.size,
    duplicatesDropped: stats.duplicatesDropped,
    invalidSkipped: stats.invalid,
    messages,
    elapsedMs: started === 0 ? 0 : (caughtUp || Date.now()) - started,
    complete: messages >= options.expectedMessages,
    gaps: demoGapSummary(stats),
  };
}
