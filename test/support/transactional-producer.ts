import type { ClientConfig } from '../../src/kafka/client-config.js';
import { native } from '../../src/kafka/native.js';
import { uniqueName } from './kafka.js';

const call = (run: (cb: (error: unknown) => void) => void): Promise<void> =>
  new Promise((resolve, reject) => run((error) => (error ? reject(error as Error) : resolve())));

/**
 * Produces `values` to one partition in one committed transaction. The commit writes a control
 * record (a transaction marker) after them: an offset that holds no record a reader ever gets.
 */
export async function produceInTransaction(
  config: ClientConfig,
  topic: string,
  values: readonly Buffer[],
  partition = 0,
): Promise<void> {
  const producer = new native.Producer({ ...config, 'transactional.id': uniqueName('tx') });
  await call((cb) => producer.connect({}, cb));
  try {
    await call((cb) => producer.initTransactions(15_000, cb));
    await call((cb) => producer.beginTransaction(cb));
    for (const value of values) producer.produce(topic, partition, value, 'SN-0', Date.UTC(2026, 10, 20));
    await call((cb) => producer.commitTransaction(15_000, cb));
  } finally {
    await new Promise<void>((resolve) => producer.disconnect(() => resolve()));
  }
}
