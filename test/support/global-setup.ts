import type { TestProject } from 'vitest/node';
import type { BrokerInfo } from '../harness/broker-info.js';
import { projectRoot } from '../harness/project-root.js';
import { startBroker } from '../harness/start-broker.js';

declare module 'vitest' {
  export interface ProvidedContext {
    kafka: BrokerInfo;
  }
}

/** Starts one real broker for every integration test file and stops it after the run. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const broker = await startBroker({ root: projectRoot() });
  const { info } = broker;
  process.stderr.write(
    `[kafka] ${info.backend} broker ${info.version ?? ''} ready in ${Date.now() - started} ms: ` +
      `PLAINTEXT ${info.plaintext}, SASL_PLAINTEXT ${info.saslPlaintext ?? '-'}, SASL_SSL ${info.saslSsl ?? '-'}\n`,
  );
  project.provide('kafka', info);
  return () => broker.stop();
}
