import { readFileSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { BrokerInfo, RunningBroker } from './broker-info.js';
import { testUser } from './test-users.js';

/** The Confluent image the Docker backend runs (Apache Kafka 4.x). */
export const KAFKA_IMAGE = 'confluentinc/cp-kafka:8.1.0';

/**
 * Tells whether a Docker engine answers. The `docker` command alone proves nothing (the client
 * is often installed without an engine), so ask the engine itself, with a short time limit.
 */
export async function dockerWorks(timeoutMs = 5000): Promise<boolean> {
  const hint =
    process.env['DOCKER_HOST'] !== undefined ||
    existsSync('/var/run/docker.sock') ||
    existsSync(join(homedir(), '.testcontainers.properties'));
  if (!hint) return false;
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      getContainerRuntimeClient(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
      }),
    ]).finally(() => clearTimeout(timer));
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts `confluentinc/cp-kafka` with `@testcontainers/kafka`: a PLAINTEXT listener and a SASL_SSL
 * listener with SCRAM-SHA-512 for the test user. The module's SASL support has no SASL_PLAINTEXT
 * listener and no PLAIN mechanism, so tests of those skip on this backend.
 */
export async function startDockerBroker(keystore: {
  p12File: string;
  caFile: string;
  passphrase: string;
}): Promise<RunningBroker> {
  const { KafkaContainer } = await import('@testcontainers/kafka');
  const saslPort = 9096;
  const container = await new KafkaContainer(KAFKA_IMAGE)
    .withSaslSslListener({
      port: saslPort,
      sasl: { mechanism: 'SCRAM-SHA-512', user: { name: testUser.name, password: testUser.password } },
      keystore: { content: readFileSync(keystore.p12File), passphrase: keystore.passphrase },
    })
    .start();
  const host = container.getHost();
  const info: BrokerInfo = {
    backend: 'docker',
    version: undefined,
    plaintext: `${host}:${container.getMappedPort(9093)}`,
    saslPlaintext: undefined,
    saslSsl: `${host}:${container.getMappedPort(saslPort)}`,
    mechanisms: ['SCRAM-SHA-512'],
    caFile: keystore.caFile,
    user: testUser,
    unauthorizedUser: undefined,
  };
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => (stopped ??= container.stop().then(() => undefined));
  return { info, stop, [Symbol.asyncDispose]: stop };
}
