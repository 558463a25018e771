import { ConfigError } from '../errors/config-error.js';
import type { Logger } from '../internal/logger.js';
import { optionalEntry } from '../internal/optional-entry.js';
import { parseFlag } from '../internal/parse-flag.js';
import { parseBootstrapServers } from './bootstrap-servers.js';
import { buildConnection, type OptionNames } from './build-connection.js';
import type { ConnectionOptions } from './connection-options.js';
import type { KafkaConnection } from './kafka-connection.js';
import { parseConnectionUrl } from './parse-connection-url.js';
import { parseSaslMechanism, saslMechanisms } from './sasl-mechanism.js';

/** What each URL scheme means: TLS or not, SASL or not. */
export const connectionUrlSchemes = {
  /** SASL over TLS: what GoodWe issues. */
  'kafka+sasl-ssl': { tls: true, sasl: true },
  /** SASL without TLS: needs `allowInsecure`. */
  'kafka+sasl-plaintext': { tls: false, sasl: true },
  /** TLS without SASL (mutual TLS or an open broker). */
  'kafka+ssl': { tls: true, sasl: false },
  /** Plaintext without authentication: a local broker. */
  kafka: { tls: false, sasl: false },
} as const;

const queryParameters = ['mechanism', 'ca', 'allowInsecure', 'clientId', 'connectTimeoutMs', 'distributorCode'];

// How errors name each option when it came from a URL.
const urlNames: OptionNames = {
  bootstrapServers: 'the URL host list',
  account: 'the URL account (before the colon in ACCOUNT:PASSWORD@)',
  password: 'the URL password (after the colon in ACCOUNT:PASSWORD@)',
  topic: 'the URL path (/TOPIC)',
  distributorCode: 'the URL query parameter distributorCode',
  mechanism: 'the URL query parameter mechanism',
  'tls.ca': 'the URL query parameter ca',
  tls: 'a kafka+sasl-ssl:// URL',
  allowInsecure: 'the URL query parameter allowInsecure',
  clientId: 'the URL query parameter clientId',
  connectTimeoutMs: 'the URL query parameter connectTimeoutMs',
};

/** Options of {@link connectionFromUrl} that cannot come from the URL. */
export interface ConnectionFromUrlOptions {
  /** Where warnings and forwarded client log lines go. */
  logger?: Logger;
}

/**
 * Builds a {@link KafkaConnection} from one URL, convenient for a single secret or a CLI flag:
 *
 * - `kafka+sasl-ssl://ACCOUNT:PASSWORD@host1:9093,host2:9093/TOPIC?mechanism=SCRAM-SHA-512&ca=/path/ca.pem`
 *   (SASL over TLS: what GoodWe issues);
 * - `kafka+sasl-plaintext://ACCOUNT:PASSWORD@host:9092/TOPIC?allowInsecure=true` (password without
 *   TLS: refused unless `allowInsecure=true`);
 * - `kafka+ssl://host:9093/TOPIC` (TLS, no account);
 * - `kafka://host:9092/TOPIC` (plaintext, no account: sends no secret, so it is allowed; for a
 *   local broker).
 *
 * Account and password are percent-encoded (`encodeURIComponent`). Query parameters: `mechanism`,
 * `ca` (file path), `allowInsecure`, `clientId`, `connectTimeoutMs`, `distributorCode`. Errors name
 * the URL part and never quote the URL.
 *
 * @example
 * ```ts
 * import { connectionFromUrl } from 'goodwe-kafka';
 *
 * const connection = connectionFromUrl(process.env.GOODWE_KAFKA_URL!);
 * // e.g. kafka+sasl-ssl://acme-reader:s3cr%40t@kafka1.goodwe.example:9093/ACME01?ca=/etc/goodwe/ca.pem
 * ```
 */
export function connectionFromUrl(url: string, options: ConnectionFromUrlOptions = {}): KafkaConnection {
  const parts = parseConnectionUrl(url);
  const scheme = connectionUrlSchemes[parts.scheme as keyof typeof connectionUrlSchemes] as
    (typeof connectionUrlSchemes)[keyof typeof connectionUrlSchemes] | undefined;
  if (scheme === undefined) {
    throw new ConfigError(
      `Invalid connection URL: unknown scheme ${parts.scheme}://; use ${Object.keys(connectionUrlSchemes).join('://, ')}://`,
    );
  }
  for (const key of parts.query.keys()) {
    if (!queryParameters.includes(key)) {
      throw new ConfigError(
        `Invalid connection URL: unknown query parameter ${key}; known ones are ${queryParameters.join(', ')}`,
      );
    }
  }
  if (!scheme.sasl && (parts.account !== undefined || parts.password !== undefined)) {
    throw new ConfigError(
      `Invalid connection URL: a ${parts.scheme}:// URL carries no account or password; use kafka+sasl-ssl:// to authenticate`,
    );
  }
  if (scheme.sasl && parts.account === undefined) {
    throw new ConfigError(
      `Invalid connection URL: ${urlNames['account']} is missing; expected ${parts.scheme}://ACCOUNT:PASSWORD@host:port/TOPIC`,
    );
  }
  if (scheme.sasl && parts.password === undefined) {
    throw new ConfigError(
      `Invalid connection URL: ${urlNames['password']} is missing; expected ${parts.scheme}://ACCOUNT:PASSWORD@host:port/TOPIC`,
    );
  }
  let bootstrapServers: string[];
  try {
    // Not quoted in errors: a malformed URL can put part of the password where a host was expected.
    bootstrapServers = parseBootstrapServers(parts.hosts, { echo: false });
  } catch (error) {
    throw new ConfigError(`Invalid connection URL: ${urlNames['bootstrapServers']} ${(error as Error).message}`);
  }
  const query = (key: string): string | undefined => {
    const value = parts.query.get(key)?.trim();
    return value === '' ? undefined : value;
  };
  const mechanismText = query('mechanism');
  const mechanism = mechanismText === undefined ? undefined : parseSaslMechanism(mechanismText);
  if (mechanismText !== undefined && mechanism === undefined) {
    throw new ConfigError(
      `Invalid connection URL: query parameter mechanism "${mechanismText}" is not one of ${saslMechanisms.join(', ')}`,
    );
  }
  const insecureText = query('allowInsecure');
  const allowInsecure = insecureText === undefined ? undefined : parseFlag(insecureText);
  if (insecureText !== undefined && allowInsecure === undefined) {
    throw new ConfigError(
      `Invalid connection URL: query parameter allowInsecure "${insecureText}" is not true or false`,
    );
  }
  const ca = query('ca');
  if (ca !== undefined && !scheme.tls) {
    throw new ConfigError(
      `Invalid connection URL: query parameter ca needs a TLS scheme (kafka+sasl-ssl:// or kafka+ssl://)`,
    );
  }
  const timeout = query('connectTimeoutMs');
  if (timeout !== undefined && !/^\d+$/.test(timeout)) {
    throw new ConfigError(
      `Invalid connection URL: query parameter connectTimeoutMs "${timeout}" is not a whole number of milliseconds`,
    );
  }
  const input: ConnectionOptions = {
    bootstrapServers,
    ...optionalEntry('account', parts.account),
    ...optionalEntry('password', parts.password),
    ...optionalEntry('topic', parts.topic),
    ...optionalEntry('distributorCode', query('distributorCode')),
    ...optionalEntry('mechanism', mechanism),
    tls: ca === undefined ? scheme.tls : { ca },
    ...optionalEntry('allowInsecure', allowInsecure),
    ...optionalEntry('clientId', query('clientId')),
    ...optionalEntry('connectTimeoutMs', timeout === undefined ? undefined : Number(timeout)),
    ...optionalEntry('logger', options.logger),
  };
  return buildConnection(input, urlNames);
}
