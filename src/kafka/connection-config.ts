import { connectionSettings, type KafkaConnection } from '../auth/kafka-connection.js';
import type {
  ConnectionOptions,
  ConnectionSettings,
  PasswordProvider,
  TlsSettings,
} from '../auth/connection-options.js';
import { isPem } from '../auth/pem-source.js';
import { ConfigError } from '../errors/config-error.js';
import type { ClientConfig } from './client-config.js';
import { requireFeatures, selfCheck, type SelfCheckReport } from './self-check.js';

/** What every mapping may need besides its own option. */
interface MappingContext {
  /** Whether the connection authenticates with SASL. */
  sasl: boolean;
  /** The password, resolved from its provider for this client only. */
  password: string | undefined;
}

type Mapping<K extends keyof ConnectionOptions> = (
  value: ConnectionSettings[K],
  context: MappingContext,
) => ClientConfig;

// Every option must appear here (the mapped type has no optional keys), so adding an option
// without deciding its librdkafka keys does not compile. Options that configure the library
// rather than librdkafka map to nothing, and say why.
const mappings: { [K in keyof ConnectionOptions]-?: Mapping<K> } = {
  bootstrapServers: (servers) => ({ 'bootstrap.servers': servers.join(',') }),
  account: (account, { sasl }) => (sasl && account !== undefined ? { 'sasl.username': account } : {}),
  password: (_source, { password }) => (password === undefined ? {} : { 'sasl.password': password }),
  // The topic is what the consumer subscribes to, not a client setting.
  topic: () => ({}),
  distributorCode: () => ({}),
  mechanism: (mechanism, { sasl }) => (sasl ? { 'sasl.mechanisms': mechanism } : {}),
  tls: (tls) => tlsConfig(tls),
  // Checked when the connection is built; librdkafka has no such switch.
  allowInsecure: () => ({}),
  clientId: (clientId) => ({ 'client.id': clientId }),
  // Bounds each broker connection attempt (TCP + TLS + SASL); the library bounds the whole connect.
  connectTimeoutMs: (ms) => ({ 'socket.connection.setup.timeout.ms': ms }),
  // The library's own logger; librdkafka lines reach it through forwardClientLogs.
  logger: () => ({}),
};

function pemOrLocation(value: string | undefined, location: string, pem: string): ClientConfig {
  if (value === undefined) return {};
  return isPem(value) ? { [pem]: value } : { [location]: value.trim() };
}

function tlsConfig(tls: TlsSettings): ClientConfig {
  if (tls === false) return {};
  const options = tls === true ? { verifyHostname: true, rejectUnauthorized: true } : tls;
  return {
    ...(typeof tls === 'object' ? pemOrLocation(tls.ca, 'ssl.ca.location', 'ssl.ca.pem') : {}),
    ...(typeof tls === 'object' ? pemOrLocation(tls.cert, 'ssl.certificate.location', 'ssl.certificate.pem') : {}),
    ...(typeof tls === 'object' ? pemOrLocation(tls.key, 'ssl.key.location', 'ssl.key.pem') : {}),
    // Both are librdkafka's defaults today; set them anyway so a changed default cannot weaken us.
    'ssl.endpoint.identification.algorithm': options.verifyHostname ? 'https' : 'none',
    'enable.ssl.certificate.verification': options.rejectUnauthorized,
  };
}

/** librdkafka build features a connection needs. */
export function requiredFeatures(connection: KafkaConnection): string[] {
  const { account, mechanism, tls } = connectionSettings(connection);
  const features = tls === false ? [] : ['ssl'];
  if (account !== undefined) features.push(mechanism === 'PLAIN' ? 'sasl_plain' : 'sasl_scram');
  return features;
}

async function resolvePassword(source: string | PasswordProvider): Promise<string> {
  if (typeof source === 'string') return source;
  let value: unknown;
  try {
    value = await source();
  } catch (error) {
    throw new ConfigError(`The password provider failed: ${(error as Error)?.message ?? String(error)}`, {
      cause: error,
    });
  }
  if (typeof value !== 'string' || value === '') {
    throw new ConfigError(
      `The password provider returned ${typeof value === 'string' ? 'an empty string' : `a ${typeof value}`}; it must return the password as a non-empty string`,
    );
  }
  return value;
}

/** Options of {@link toClientConfig}. */
export interface ToClientConfigOptions {
  /** What the linked librdkafka can do; by default the real one. Tests pass a fake. */
  report?: SelfCheckReport;
}

/**
 * Turns a connection into a librdkafka configuration for one new client. Refuses (with an
 * `UnsupportedFeatureError`) a connection needing a feature the linked librdkafka lacks, and
 * resolves the password provider afresh, so each new client uses the current password.
 *
 * The result holds the password: pass it straight to a client, never log it.
 */
export async function toClientConfig(
  connection: KafkaConnection,
  options: ToClientConfigOptions = {},
): Promise<ClientConfig> {
  requireFeatures(requiredFeatures(connection), options.report ?? selfCheck());
  const settings = connectionSettings(connection);
  const sasl = settings.account !== undefined;
  const password = sasl && settings.password !== undefined ? await resolvePassword(settings.password) : undefined;
  const context: MappingContext = { sasl, password };
  const config: ClientConfig = { 'security.protocol': connection.securityProtocol };
  const apply = <K extends keyof ConnectionOptions>(key: K): void => {
    // TypeScript cannot correlate mappings[key] with settings[key] for a generic key.
    const mapping = mappings[key] as Mapping<K>;
    Object.assign(config, mapping(settings[key], context));
  };
  for (const key of Object.keys(mappings) as (keyof ConnectionOptions)[]) apply(key);
  return config;
}

/** The part of a native client that can take new SASL credentials. */
interface CredentialTarget {
  setSaslCredentials(username: string, password: string): void;
}

/**
 * Resolves the password provider again and hands the result to a connected client, which uses it
 * at its next authentication (librdkafka re-authenticates when it reconnects). Call it when a
 * long-lived client reports an authentication failure after a password rotation. Does nothing
 * for a connection without an account.
 */
export async function refreshSaslCredentials(client: CredentialTarget, connection: KafkaConnection): Promise<void> {
  const settings = connectionSettings(connection);
  if (settings.account === undefined || settings.password === undefined) return;
  client.setSaslCredentials(settings.account, await resolvePassword(settings.password));
}
