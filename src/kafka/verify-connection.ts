import type { KafkaConnection } from '../auth/kafka-connection.js';
import { AuthorizationError } from '../errors/authorization-error.js';
import { UnknownTopicError } from '../errors/unknown-topic-error.js';
import { forwardClientLogs, secretsOfConfig } from './client-logs.js';
import { connectClient } from './connect-client.js';
import { RdCode } from './error-codes.js';
import { toGoodweError } from './map-error.js';
import { native, type NativeConsumer, type NativeTopicDescription } from './native.js';
import { selfCheck } from './self-check.js';
import { toClientConfig } from './connection-config.js';

/** Options of {@link verifyConnection}. */
export interface VerifyConnectionOptions {
  /** Cancels the check; it then rejects with `signal.reason`. */
  signal?: AbortSignal;
}

/** What {@link verifyConnection} found. */
export interface ConnectionReport {
  /** The topic checked. */
  topic: string;
  /** Number of partitions of the topic. */
  partitions: number;
  /** Number of brokers in the cluster. */
  brokers: number;
  /** How the client connected, e.g. `sasl_ssl`. */
  securityProtocol: KafkaConnection['securityProtocol'];
  /** The linked librdkafka version. */
  librdkafkaVersion: string;
  /** Time from start to a verified topic, in ms. */
  elapsedMs: number;
}

// librdkafka's ACL operation code for READ (rd_kafka_AclOperation_t).
const aclRead = 3;

function abortable<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * Checks end to end that a connection works: connects (TCP, TLS, SASL), then checks that the topic
 * exists and that the account may read it. Resolves with the partition and broker counts, or
 * rejects within about `connection.connectTimeoutMs` with a typed error: `AuthenticationError`,
 * `TlsError`, `ConnectionError` (naming the addresses tried), `AuthorizationError`,
 * `UnknownTopicError`, `UnsupportedFeatureError` or `ConfigError`. Never retries forever.
 *
 * @example
 * ```ts
 * const report = await verifyConnection(connectionFromEnv(), { signal: AbortSignal.timeout(30_000) });
 * console.log(`${report.topic}: ${report.partitions} partitions on ${report.brokers} brokers`);
 * ```
 */
export async function verifyConnection(
  connection: KafkaConnection,
  options: VerifyConnectionOptions = {},
): Promise<ConnectionReport> {
  const started = Date.now();
  options.signal?.throwIfAborted();
  const config = await toClientConfig(connection);
  const secrets = secretsOfConfig(config);
  const brokers = connection.bootstrapServers.join(',');
  const timeoutMs = connection.connectTimeoutMs;
  // A consumer that never joins its group: it only fetches metadata and must not auto-create the topic.
  const client: NativeConsumer = new native.KafkaConsumer(
    { ...config, 'group.id': `goodwe-kafka-verify-${process.pid}`, 'allow.auto.create.topics': false },
    {},
  );
  const stopLogs = forwardClientLogs(client, connection.logger, secrets);
  let connected = false;
  try {
    const metadata = await connectClient(client, {
      brokers,
      role: 'Connection check',
      timeoutMs,
      signal: options.signal,
      secrets,
    });
    connected = true;
    const admin = native.AdminClient.createFrom(client);
    const operation = `Checking topic ${connection.topic} on ${brokers}`;
    try {
      const description = await abortable(describeTopic(admin, connection.topic, timeoutMs), options.signal).catch(
        (error: unknown) => {
          throw toGoodweError(error, { operation, brokers, secrets });
        },
      );
      const code = description?.error?.code;
      if (code === RdCode.unknownTopicOrPartition) {
        throw new UnknownTopicError(
          `${operation} failed: the topic does not exist. Check the topic or distributor code GoodWe gave.`,
        );
      }
      if (code === RdCode.topicAuthorizationFailed) {
        throw new AuthorizationError(
          `${operation} failed: account ${connection.account ?? '(none)'} may not access the topic. Ask GoodWe to grant it read access.`,
        );
      }
      if (description?.error) throw toGoodweError(description.error, { operation, brokers, secrets });
      if (description?.authorizedOperations && !description.authorizedOperations.includes(aclRead)) {
        throw new AuthorizationError(
          `${operation} failed: account ${connection.account ?? '(none)'} may see the topic but not read it. Ask GoodWe to grant it read access.`,
        );
      }
      return {
        topic: connection.topic,
        partitions: description?.partitions.length ?? 0,
        brokers: metadata.brokers.length,
        securityProtocol: connection.securityProtocol,
        librdkafkaVersion: selfCheck().librdkafkaVersion,
        elapsedMs: Date.now() - started,
      };
    } finally {
      admin.disconnect();
    }
  } finally {
    stopLogs();
    if (connected) await new Promise<void>((resolve) => client.disconnect(() => resolve()));
  }
}

type Admin = ReturnType<typeof native.AdminClient.createFrom>;

function describeTopic(admin: Admin, topic: string, timeoutMs: number): Promise<NativeTopicDescription | undefined> {
  return new Promise((resolve, reject) =>
    admin.describeTopics([topic], { includeAuthorizedOperations: true, timeout: timeoutMs }, (error, result) =>
      error ? reject(error) : resolve(result[0]),
    ),
  );
}
