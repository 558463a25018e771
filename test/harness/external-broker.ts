import type { BrokerInfo, RunningBroker } from './broker-info.js';
import { testUser } from './test-users.js';

/**
 * Uses a cluster the caller already runs, described by environment variables:
 * `KAFKA_BOOTSTRAP_SERVERS` (PLAINTEXT, required), and optionally `KAFKA_SASL_BOOTSTRAP`,
 * `KAFKA_SSL_BOOTSTRAP`, `KAFKA_CA_FILE`, `KAFKA_SASL_USER`, `KAFKA_SASL_PASSWORD`,
 * `KAFKA_SASL_MECHANISMS` (comma-separated). Nothing is started or stopped.
 */
export function externalBroker(env: NodeJS.ProcessEnv): RunningBroker | undefined {
  const plaintext = env['KAFKA_BOOTSTRAP_SERVERS'];
  if (!plaintext) return undefined;
  const mechanisms = (env['KAFKA_SASL_MECHANISMS'] ?? 'SCRAM-SHA-512')
    .split(',')
    .map((m) => m.trim())
    .filter((m): m is BrokerInfo['mechanisms'][number] => ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'].includes(m));
  const info: BrokerInfo = {
    backend: 'external',
    version: undefined,
    plaintext,
    saslPlaintext: env['KAFKA_SASL_BOOTSTRAP'] || undefined,
    saslSsl: env['KAFKA_SSL_BOOTSTRAP'] || undefined,
    mechanisms,
    caFile: env['KAFKA_CA_FILE'] || undefined,
    user: { name: env['KAFKA_SASL_USER'] ?? testUser.name, password: env['KAFKA_SASL_PASSWORD'] ?? testUser.password },
    unauthorizedUser: undefined,
  };
  const stop = (): Promise<void> => Promise.resolve();
  return { info, stop, [Symbol.asyncDispose]: stop };
}
