import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBroker } from '../harness/broker-info.js';
import { startLocalBroker } from '../harness/local-kraft-broker.js';
import { projectRoot } from '../harness/project-root.js';
import { goodweConnection } from '../../src/auth/goodwe-connection.js';
import { createTelemetryConsumer } from '../../src/consumer/create-telemetry-consumer.js';
import { KafkaAdmin } from '../../src/kafka/kafka-admin.js';
import { KafkaProducer } from '../../src/kafka/kafka-producer.js';
import { broker, uniqueName } from '../support/kafka.js';
import { reading } from '../support/telemetry.js';

// These tests stop and restart a broker, so they use one of their own rather than the shared one.
const local = broker().backend === 'local';

describe.skipIf(!local)('TelemetryConsumer while the brokers are down', () => {
  let own: RunningBroker;
  beforeAll(async () => {
    own = await startLocalBroker({ root: projectRoot() });
  }, 120_000);
  afterAll(() => own?.stop());

  async function topicWith(count: number): Promise<string> {
    const topic = uniqueName('outage');
    await using admin = new KafkaAdmin({ 'bootstrap.servers': own.info.plaintext });
    await admin.createTopic({ topic, partitions: 1 });
    await using producer = await KafkaProducer.connect({ 'bootstrap.servers': own.info.plaintext });
    const base = Date.UTC(2026, 10, 20);
    await Promise.all(
      Array.from({ length: count }, (_, i) =>
        producer.send({ topic, key: 'SN-0', value: reading('SN-0', base + i * 60_000, { seq: i }), timestamp: base }),
      ),
    );
    return topic;
  }

  it('goes on with nothing lost when the brokers come back within maxUnavailableMs', async () => {
    const topic = await topicWith(400);
    const consumer = createTelemetryConsumer({
      connection: goodweConnection({ bootstrapServers: own.info.plaintext, topic, tls: false }),
      groupId: uniqueName('group'),
      maxBufferedRecords: 100,
      fetchBatchSize: 50,
      maxUnavailableMs: 30_000,
    });
    const seen = new Set<number>();
    for await (const record of consumer) {
      seen.add(record.raw['seq'] as number);
      if (seen.size === 150) await own.restart!(); // the body waits while the broker is down and restarting
      if (seen.size === 400) break;
    }
    expect(seen.size).toBe(400);
  }, 120_000);

  it('ends the iteration with a ConnectionError when the brokers stay down longer than maxUnavailableMs', async () => {
    const topic = await topicWith(50);
    const consumer = createTelemetryConsumer({
      connection: goodweConnection({ bootstrapServers: own.info.plaintext, topic, tls: false }),
      groupId: uniqueName('group'),
      maxUnavailableMs: 3000,
    });
    let stoppedAt = 0;
    const error = await (async () => {
      for await (const record of consumer) {
        if (record.raw['seq'] === 49) {
          await own.halt!();
          stoppedAt = Date.now();
        }
      }
    })().catch((e: unknown) => e as { code?: string; message?: string });
    const elapsed = Date.now() - stoppedAt;
    expect(error).toMatchObject({ code: 'GWK_CONNECTION' });
    expect(error?.message).toContain(own.info.plaintext);
    expect(consumer.health().state).toBe('failed');
    expect(elapsed).toBeGreaterThanOrEqual(3000);
    expect(elapsed).toBeLessThan(20_000);
  }, 120_000);
});
