import type { ConsumerDeps } from '../../src/consumer/consumer-core.js';
import { toItems } from '../../src/records/to-items.js';
import type { InverterTelemetry } from '../../src/telemetry/inverter-telemetry-schema.js';
import type { FakeGroupConsumer } from './fake-group-consumer.js';

/**
 * Side reads served from the fake's log: the skipped ranges of a live-first backfill, ten messages
 * a batch (`beforeBatch` may hold a batch back, by its index across the whole read), and no log
 * read-back for gap state (only partitions without a backfill do it).
 */
export function backfillReadsFrom(
  fake: FakeGroupConsumer,
  beforeBatch: (index: number) => Promise<void> = () => Promise.resolve(),
): Partial<ConsumerDeps<InverterTelemetry>> {
  const readLookback = (): Promise<never[]> => Promise.resolve([]);
  return {
    readLookback,
    readRanges: async function* (options) {
      let index = 0;
      for (const range of options.ranges) {
        const messages = fake.readLog(
          { topic: options.topic, partition: range.partition },
          Number(range.fromOffset),
          Number(range.toOffset),
        );
        for (let i = 0; i < messages.length; i += 10) {
          await beforeBatch(index++);
          options.signal?.throwIfAborted();
          yield messages.slice(i, i + 10).map((m) => toItems(m, options.decode, options.source));
        }
      }
    },
  };
}
