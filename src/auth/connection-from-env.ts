import { ConfigError } from '../errors/config-error.js';
import type { Logger } from '../internal/logger.js';
import { optionalEntry } from '../internal/optional-entry.js';
import { parseFlag } from '../internal/parse-flag.js';
import { buildConnection } from './build-connection.js';
import type { ConnectionOptions } from './connection-options.js';
import type { KafkaConnection } from './kafka-connection.js';
import { parseSaslMechanism, saslMechanisms } from './sasl-mechanism.js';

/** The environment variables {@link connectionFromEnv} reads, by option. */
export const connectionEnvVars = {
  /** The broker addresses GoodWe issued (`bootstrapServers`). */
  bootstrapServers: 'GOODWE_KAFKA_BOOTSTRAP_SERVERS',
  /** The account (`account`). */
  account: 'GOODWE_KAFKA_ACCOUNT',
  /** The password (`password`). */
  password: 'GOODWE_KAFKA_PASSWORD',
  /** The topic (`topic`). */
  topic: 'GOODWE_KAFKA_TOPIC',
  /** The distributor code the topic is named after (`distributorCode`). */
  distributorCode: 'GOODWE_KAFKA_DISTRIBUTOR_CODE',
  /** The SASL mechanism (`mechanism`). */
  mechanism: 'GOODWE_KAFKA_MECHANISM',
  /** A CA file to trust (`tls.ca`). */
  'tls.ca': 'GOODWE_KAFKA_CA_FILE',
  /** TLS on or off: `true` or `false` (`tls`). */
  tls: 'GOODWE_KAFKA_TLS',
  /** Allow SASL without TLS: `true` or `false` (`allowInsecure`). */
  allowInsecure: 'GOODWE_KAFKA_ALLOW_INSECURE',
  /** Client id shown in broker logs (`clientId`). */
  clientId: 'GOODWE_KAFKA_CLIENT_ID',
  /** Connect time limit in ms (`connectTimeoutMs`). */
  connectTimeoutMs: 'GOODWE_KAFKA_CONNECT_TIMEOUT_MS',
} as const;

/** Options of {@link connectionFromEnv} that cannot come from the environment. */
export interface ConnectionFromEnvOptions {
  /** Where warnings and forwarded client log lines go. */
  logger?: Logger;
}

const v = connectionEnvVars;

function flag(env: Readonly<Record<string, string | undefined>>, name: string): boolean | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = parseFlag(raw);
  if (value === undefined)
    throw new ConfigError(`Invalid ${name}: "${raw.trim()}" is not a boolean; use true or false`);
  return value;
}

/**
 * Builds a {@link KafkaConnection} from environment variables:
 *
 * | Variable | Required | Meaning |
 * |---|---|---|
 * | `GOODWE_KAFKA_BOOTSTRAP_SERVERS` | yes | `host:port,host:port` |
 * | `GOODWE_KAFKA_ACCOUNT` | yes | SASL account |
 * | `GOODWE_KAFKA_PASSWORD` | yes | SASL password |
 * | `GOODWE_KAFKA_TOPIC` or `GOODWE_KAFKA_DISTRIBUTOR_CODE` | one of them | the topic (named after the code) |
 * | `GOODWE_KAFKA_MECHANISM` | no | `PLAIN`, `SCRAM-SHA-256` or `SCRAM-SHA-512` (default) |
 * | `GOODWE_KAFKA_CA_FILE` | no | CA PEM file (default: system CAs) |
 * | `GOODWE_KAFKA_TLS` | no | `false` for a plaintext transport (default `true`) |
 * | `GOODWE_KAFKA_ALLOW_INSECURE` | no | `true` to allow the password without TLS |
 * | `GOODWE_KAFKA_CLIENT_ID`, `GOODWE_KAFKA_CONNECT_TIMEOUT_MS` | no | see `goodweConnection` |
 *
 * Empty values count as missing. A missing or malformed value fails with a `ConfigError` naming
 * the variable; the password is never quoted.
 *
 * @example
 * ```ts
 * import { connectionFromEnv, verifyConnection } from 'goodwe-kafka';
 *
 * const connection = connectionFromEnv(); // reads process.env
 * const { partitions } = await verifyConnection(connection);
 * ```
 */
export function connectionFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
  options: ConnectionFromEnvOptions = {},
): KafkaConnection {
  const read = (name: string): string | undefined => (env[name] === '' ? undefined : env[name]);
  const text = (name: string): string | undefined => {
    const value = read(name)?.trim();
    return value === '' ? undefined : value;
  };
  for (const name of [v.bootstrapServers, v.account, v.password]) {
    if (text(name) === undefined) {
      throw new ConfigError(`Missing ${name}: set it to ${expected[name]}`);
    }
  }
  const mechanismText = text(v.mechanism);
  const mechanism = mechanismText === undefined ? undefined : parseSaslMechanism(mechanismText);
  if (mechanismText !== undefined && mechanism === undefined) {
    throw new ConfigError(`Invalid ${v.mechanism}: "${mechanismText}" is not one of ${saslMechanisms.join(', ')}`);
  }
  const tlsOn = flag(env, v.tls) ?? true;
  const ca = text(v['tls.ca']);
  if (!tlsOn && ca !== undefined) {
    throw new ConfigError(`Invalid ${v['tls.ca']}: a CA file was given but ${v.tls} is false; remove one of them`);
  }
  const timeout = text(v.connectTimeoutMs);
  if (timeout !== undefined && !/^\d+$/.test(timeout)) {
    throw new ConfigError(
      `Invalid ${v.connectTimeoutMs}: "${timeout}" is not a whole number of milliseconds (e.g. 15000)`,
    );
  }
  const allowInsecure = flag(env, v.allowInsecure);
  const input: ConnectionOptions = {
    bootstrapServers: text(v.bootstrapServers)!,
    account: text(v.account)!,
    // Not trimmed: spaces may be part of a password.
    password: read(v.password)!,
    ...optionalEntry('topic', text(v.topic)),
    ...optionalEntry('distributorCode', text(v.distributorCode)),
    ...optionalEntry('mechanism', mechanism),
    tls: ca === undefined ? tlsOn : { ca },
    ...optionalEntry('allowInsecure', allowInsecure),
    ...optionalEntry('clientId', text(v.clientId)),
    ...optionalEntry('connectTimeoutMs', timeout === undefined ? undefined : Number(timeout)),
    ...optionalEntry('logger', options.logger),
  };
  return buildConnection(input, connectionEnvVars);
}

const expected: Record<string, string> = {
  [v.bootstrapServers]: 'the address GoodWe issued, host:port,host:port (e.g. kafka1.example.com:9093)',
  [v.account]: 'the account GoodWe issued',
  [v.password]: 'the password GoodWe issued',
};
