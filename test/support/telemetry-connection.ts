import { goodweConnection } from '../../src/auth/goodwe-connection.js';
import type { KafkaConnection } from '../../src/auth/kafka-connection.js';
import { broker } from './kafka.js';

/** A connection to the test broker's PLAINTEXT listener (no account) for `topic`. */
export function plaintextConnection(topic: string, bootstrapServers = broker().plaintext): KafkaConnection {
  return goodweConnection({ bootstrapServers, topic, tls: false });
}

/** A SASL_PLAINTEXT connection (SCRAM-SHA-512) with the given user. */
export function saslConnection(
  topic: string,
  user: { name: string; password: string },
  connectTimeoutMs?: number,
): KafkaConnection {
  return goodweConnection({
    bootstrapServers: broker().saslPlaintext ?? '',
    topic,
    account: user.name,
    password: user.password,
    tls: false,
    allowInsecure: true,
    ...(connectTimeoutMs ? { connectTimeoutMs } : {}),
  });
}
