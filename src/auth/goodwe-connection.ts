import { buildConnection } from './build-connection.js';
import type { ConnectionOptions } from './connection-options.js';
import type { KafkaConnection } from './kafka-connection.js';

/**
 * Builds a validated, immutable {@link KafkaConnection} from the details GoodWe issued.
 *
 * Secure by default: TLS is on and verifies the broker certificate and host name; SASL without
 * TLS is refused with an `InsecureConfigError` unless `allowInsecure: true`. The mechanism
 * defaults to SCRAM-SHA-512. The topic is `topic`, or `distributorCode` itself (GoodWe names
 * the topic after the distributor code).
 *
 * @throws ConfigError when a value is missing or malformed (the message names it).
 * @throws InsecureConfigError when the password would travel without TLS.
 *
 * @example
 * ```ts
 * import { goodweConnection } from 'goodwe-kafka';
 *
 * const connection = goodweConnection({
 *   bootstrapServers: 'kafka1.goodwe.example:9093,kafka2.goodwe.example:9093',
 *   account: 'acme-reader',
 *   password: async () => (await secrets.get('goodwe-kafka')).value, // resolved at every connect
 *   distributorCode: 'ACME01',
 *   mechanism: 'SCRAM-SHA-512',
 *   tls: { ca: '/etc/goodwe/ca.pem' },
 * });
 * console.log(connection); // KafkaConnection { ..., password: '[redacted]', ... }
 * ```
 */
export function goodweConnection(options: ConnectionOptions): KafkaConnection {
  return buildConnection(options);
}
