import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import type { BrokerInfo } from '../harness/broker-info.js';
import type { ClientConfig } from '../../src/kafka/client-config.js';
import { KafkaAdmin } from '../../src/kafka/kafka-admin.js';

/** The broker started by the global setup. */
export function broker(): BrokerInfo {
  return inject('kafka');
}

/** A name no other test uses. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** librdkafka settings for the PLAINTEXT listener. */
export function plaintextConfig(): ClientConfig {
  return { 'bootstrap.servers': broker().plaintext };
}

/** Creates a fresh topic for one test and returns its name and a function that deletes it. */
export async function createTopic(
  prefix: string,
  partitions = 1,
  config?: Record<string, string>,
): Promise<{ topic: string; remove: () => Promise<void> }> {
  const topic = uniqueName(prefix);
  const admin = new KafkaAdmin(plaintextConfig());
  await admin.createTopic({ topic, partitions, ...(config ? { config } : {}) });
  return {
    topic,
    remove: async () => {
      await admin.deleteTopic(topic).catch(() => undefined);
      await admin.close();
    },
  };
}
