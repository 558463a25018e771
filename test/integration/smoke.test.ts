import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientConfig } from '../../src/kafka/client-config.js';
import { KafkaProducer } from '../../src/kafka/kafka-producer.js';
import { KafkaReader } from '../../src/kafka/kafka-reader.js';
import { isGoodweKafkaError } from '../../src/errors/goodwe-kafka-error.js';
import { broker, createTopic } from '../support/kafka.js';

type Listener = { name: string; config: () => ClientConfig | undefined };

function sasl(
  address: string | undefined,
  protocol: string,
  mechanism: string,
  extra: ClientConfig = {},
): ClientConfig | undefined {
  const info = broker();
  if (!address || !info.mechanisms.includes(mechanism as never)) return undefined;
  return {
    'bootstrap.servers': address,
    'security.protocol': protocol,
    'sasl.mechanisms': mechanism,
    'sasl.username': info.user.name,
    'sasl.password': info.user.password,
    ...extra,
  };
}

const listeners: Listener[] = [
  { name: 'PLAINTEXT', config: () => ({ 'bootstrap.servers': broker().plaintext }) },
  { name: 'SASL_PLAINTEXT with PLAIN', config: () => sasl(broker().saslPlaintext, 'sasl_plaintext', 'PLAIN') },
  {
    name: 'SASL_PLAINTEXT with SCRAM-SHA-512',
    config: () => sasl(broker().saslPlaintext, 'sasl_plaintext', 'SCRAM-SHA-512'),
  },
  {
    name: 'SASL_SSL with SCRAM-SHA-512 and the test CA',
    config: () => sasl(broker().saslSsl, 'sasl_ssl', 'SCRAM-SHA-512', { 'ssl.ca.location': broker().caFile ?? '' }),
  },
];

describe('the Kafka layer against a real broker', () => {
  let topic: string;
  let remove: () => Promise<void>;
  beforeAll(async () => {
    ({ topic, remove } = await createTopic('smoke', 1));
  });
  afterAll(() => remove());

  for (const listener of listeners) {
    it.skipIf(listener.config() === undefined)(`round-trips a message over ${listener.name}`, async () => {
      const config = listener.config()!;
      const value = JSON.stringify({ sn: 'SMOKE0001', listener: listener.name, at: Date.now() });
      await using producer = await KafkaProducer.connect(config);
      const delivery = await producer.send({
        topic,
        value: Buffer.from(value),
        key: 'SMOKE0001',
        timestamp: 1_700_000_000_000,
      });
      expect(delivery.topic).toBe(topic);

      await using reader = await KafkaReader.connect(config, [{ topic, partition: 0, offset: delivery.offset }]);
      const [message] = await reader.read(1, 10_000);
      expect(message?.value?.toString()).toBe(value);
      expect(String(message?.offset)).toBe(delivery.offset);
      expect(message?.timestamp).toBe(1_700_000_000_000);
      expect(message?.key?.toString()).toBe('SMOKE0001');
    });
  }

  it.skipIf(!broker().saslPlaintext)('rejects a wrong password with a typed error instead of hanging', async () => {
    const config = sasl(broker().saslPlaintext, 'sasl_plaintext', 'SCRAM-SHA-512', {
      'sasl.password': 'not-the-password',
    })!;
    const started = Date.now();
    const error = await KafkaProducer.connect(config, { timeoutMs: 15_000 }).catch((e: unknown) => e);
    expect(isGoodweKafkaError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'GWK_AUTHENTICATION' });
    expect(String((error as Error).message)).not.toContain('not-the-password');
    // Bounded: well before the 15 s connect limit. Not a speed claim, a no-hang check.
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
