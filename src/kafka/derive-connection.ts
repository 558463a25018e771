import { buildConnection } from '../auth/build-connection.js';
import type { ConnectionOptions } from '../auth/connection-options.js';
import { connectionSettings, type KafkaConnection } from '../auth/kafka-connection.js';
import type { SaslMechanism } from '../auth/sasl-mechanism.js';

/** What {@link deriveConnection} may change. */
export interface ConnectionChanges {
  topic?: string;
  mechanism?: SaslMechanism;
  connectTimeoutMs?: number;
}

/**
 * A copy of a connection with another topic, mechanism or connect timeout, and the same
 * addresses, account, password (or provider) and TLS. The CLI uses it to point the demo at a
 * topic of its own and to try the other SASL mechanisms when authentication fails.
 */
export function deriveConnection(connection: KafkaConnection, changes: ConnectionChanges): KafkaConnection {
  const { topic: _topic, distributorCode: _code, ...settings } = connectionSettings(connection);
  const options: ConnectionOptions = { ...settings, topic: changes.topic ?? connection.topic };
  if (changes.mechanism !== undefined) options.mechanism = changes.mechanism;
  if (changes.connectTimeoutMs !== undefined) options.connectTimeoutMs = changes.connectTimeoutMs;
  return buildConnection(options);
}
