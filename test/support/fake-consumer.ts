import { goodweConnection } from '../../src/auth/goodwe-connection.js';
import { consumerOptionsSchema, type ConsumerOptionsInput } from '../../src/consumer/consumer-options.js';
import type { ConsumerDeps } from '../../src/consumer/consumer-core.js';
import { TelemetryConsumer } from '../../src/consumer/telemetry-consumer.js';
import { telemetryDecoder } from '../../src/consumer/telemetry-decoder.js';
import type { InverterTelemetry } from '../../src/telemetry/inverter-telemetry-schema.js';
import { systemClock } from '../../src/internal/clock.js';
import type { TelemetryRecord } from '../../src/records/telemetry-record.js';
import type { FakeGroupConsumer } from './fake-group-consumer.js';

/** A consumer whose Kafka is the fake: the core's logic with every interleaving under the test's control. */
export function consumerOnFake(
  fake: FakeGroupConsumer,
  options: Partial<ConsumerOptionsInput> = {},
  deps: Partial<ConsumerDeps<InverterTelemetry>> = {},
): TelemetryConsumer<InverterTelemetry, TelemetryRecord<InverterTelemetry>> {
  const parsed = consumerOptionsSchema.parse({
    connection: goodweConnection({ bootstrapServers: '127.0.0.1:1', topic: fake.topic, tls: false }),
    groupId: 'fake-group',
    commitIntervalMs: 10,
    ...options,
  });
  return new TelemetryConsumer(parsed, telemetryDecoder<InverterTelemetry>(parsed), {
    createClient: (_options, hooks) => {
      fake.hooks = hooks;
      return Promise.resolve(fake);
    },
    clock: systemClock,
    ...deps,
  });
}

/** One telemetry message as GoodWe might send it. */
export function readingJson(serial: string, timeMs: number): string {
  return JSON.stringify({ sn: serial, last_time: timeMs, pac: 1000 });
}

/** `count` readings of one inverter, a minute apart from `startMs`. */
export function readingsOf(serial: string, count: number, startMs = Date.UTC(2026, 10, 20, 6)): { value: string }[] {
  return Array.from({ length: count }, (_, i) => ({ value: readingJson(serial, startMs + i * 60_000) }));
}

/** Waits until `check` holds, polling; fails with `what` after `timeoutMs`. */
export async function eventually(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
