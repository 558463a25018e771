import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningBroker } from './broker-info.js';
import { dockerWorks, startDockerBroker } from './docker-broker.js';
import { externalBroker } from './external-broker.js';
import { startLocalBroker } from './local-kraft-broker.js';
import { makeTlsMaterial } from './tls-material.js';

/** Options of {@link startBroker}. */
export interface StartBrokerOptions {
  /** Project root, for the local backend's jars. */
  root: string;
  /** Keep a local broker running after this process exits. @default false */
  detached?: boolean;
  /** Where diagnostics go. @default stderr */
  log?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
}

/**
 * Starts (or finds) a real Apache Kafka broker, in this order: an external cluster named by
 * `KAFKA_BOOTSTRAP_SERVERS`; a Docker engine with `@testcontainers/kafka`; a local KRaft broker
 * run from Maven Central jars with Java. `KAFKA_TEST_BACKEND=local|docker` forces one.
 */
export async function startBroker(options: StartBrokerOptions): Promise<RunningBroker> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const external = externalBroker(env);
  if (external) return external;
  const forced = env['KAFKA_TEST_BACKEND'];
  if (forced === 'docker' || (forced !== 'local' && !options.detached && (await dockerWorks()))) {
    try {
      const tls = await makeTlsMaterial(mkdtempSync(join(tmpdir(), 'goodwe-kafka-tls-')));
      return await startDockerBroker(tls);
    } catch (error) {
      if (forced === 'docker') throw error;
      log(`goodwe-kafka: Docker broker failed to start (${(error as Error).message}); using a local broker instead.`);
    }
  }
  return startLocalBroker({ root: options.root, detached: options.detached ?? false });
}
