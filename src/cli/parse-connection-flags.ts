import { buildConnection } from '../auth/build-connection.js';
import { connectionFromEnv, connectionEnvVars } from '../auth/connection-from-env.js';
import { connectionFromUrl } from '../auth/connection-from-url.js';
import type { ConnectionOptions } from '../auth/connection-options.js';
import type { KafkaConnection } from '../auth/kafka-connection.js';
import { parseSaslMechanism, saslMechanisms } from '../auth/sasl-mechanism.js';
import type { Writer } from './cli-io.js';
import { stringFlag, type FlagSpec, type FlagValues } from './parse-command-args.js';
import { UsageError } from './usage-error.js';

/** The flags every command that talks to Kafka accepts. */
export const connectionFlags = {
  url: { type: 'string' },
  'bootstrap-servers': { type: 'string' },
  account: { type: 'string' },
  password: { type: 'string' },
  topic: { type: 'string' },
  'distributor-code': { type: 'string' },
  mechanism: { type: 'string' },
  ca: { type: 'string' },
  plaintext: { type: 'boolean' },
  'allow-insecure': { type: 'boolean' },
} as const satisfies FlagSpec;

/** Help text for {@link connectionFlags}, shared by every command's `--help`. */
export const connectionHelp = `Connection (flags win over the environment):
  --url URL                    kafka+sasl-ssl://ACCOUNT:PASSWORD@host:port/TOPIC?mechanism=...&ca=...
                               (or GOODWE_KAFKA_URL)
  --bootstrap-servers LIST     host:port,host:port (GOODWE_KAFKA_BOOTSTRAP_SERVERS)
  --account NAME               SASL account (GOODWE_KAFKA_ACCOUNT)
  --password SECRET            discouraged: visible in the process list; set GOODWE_KAFKA_PASSWORD
  --topic NAME                 topic (GOODWE_KAFKA_TOPIC)
  --distributor-code CODE      the topic is named after it (GOODWE_KAFKA_DISTRIBUTOR_CODE)
  --mechanism NAME             PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (default; GOODWE_KAFKA_MECHANISM)
  --ca FILE                    CA certificate PEM (GOODWE_KAFKA_CA_FILE)
  --plaintext                  no TLS (local brokers; GOODWE_KAFKA_TLS=false)
  --allow-insecure             allow the password without TLS (GOODWE_KAFKA_ALLOW_INSECURE)`;

const v = connectionEnvVars;
const flagNames = [
  'bootstrap-servers',
  'account',
  'password',
  'topic',
  'distributor-code',
  'mechanism',
  'ca',
  'plaintext',
  'allow-insecure',
];

// How connection errors name each option when it came from flags (or the variable behind them).
const optionNames = {
  bootstrapServers: `--bootstrap-servers (${v.bootstrapServers})`,
  account: `--account (${v.account})`,
  password: `--password (${v.password})`,
  topic: `--topic (${v.topic})`,
  distributorCode: `--distributor-code (${v.distributorCode})`,
  mechanism: `--mechanism (${v.mechanism})`,
  'tls.ca': `--ca (${v['tls.ca']})`,
  tls: '--plaintext',
  allowInsecure: `--allow-insecure (${v.allowInsecure})`,
};

/** Whether the flags or the environment name a connection at all (the demo starts a broker when not). */
export function hasConnection(values: FlagValues, env: Readonly<Record<string, string | undefined>>): boolean {
  return (
    values['url'] !== undefined ||
    flagNames.some((name) => values[name] !== undefined && name !== 'topic') ||
    !!env['GOODWE_KAFKA_URL'] ||
    !!env[v.bootstrapServers]
  );
}

/**
 * Builds the connection a command uses, in this order: `--url`; connection flags (each falling
 * back to its GOODWE_KAFKA_* variable); `GOODWE_KAFKA_URL`; the GOODWE_KAFKA_* variables
 * (`connectionFromEnv`). Warns on `stderr` when the password came from a flag.
 */
export function connectionFromFlags(
  command: string,
  values: FlagValues,
  env: Readonly<Record<string, string | undefined>>,
  stderr: Writer,
): KafkaConnection {
  const flag = (name: string): string | undefined => stringFlag(values, name);
  const url = flag('url');
  const given = flagNames.filter((name) => values[name] !== undefined);
  if (url !== undefined) {
    if (given.length > 0) {
      throw new UsageError(`--url already holds the connection; drop --${given.join(', --')}`, command);
    }
    return connectionFromUrl(url);
  }
  if (flag('password') !== undefined) {
    stderr.write(
      `goodwe-kafka: warning: --password is visible in the process list and shell history; set ${v.password} instead.\n`,
    );
  }
  const envUrl = env['GOODWE_KAFKA_URL'];
  if (given.length === 0 && envUrl) return connectionFromUrl(envUrl);
  // A password without an account is a GoodWe connection missing its account, not a broker
  // without SASL: connectionFromEnv names the missing variable instead of connecting.
  if (given.length === 0 && env[v.bootstrapServers] && (env[v.account] || env[v.password])) {
    return connectionFromEnv(env);
  }
  const pick = (name: string, variable: string): string | undefined => {
    const value = flag(name) ?? env[variable];
    return value === undefined || value.trim() === '' ? undefined : value;
  };
  const bootstrapServers = pick('bootstrap-servers', v.bootstrapServers);
  if (bootstrapServers === undefined) {
    throw new UsageError(
      `no connection given: pass --url or --bootstrap-servers, or set GOODWE_KAFKA_URL or ${v.bootstrapServers}`,
      command,
    );
  }
  const mechanismText = pick('mechanism', v.mechanism);
  const mechanism = mechanismText === undefined ? undefined : parseSaslMechanism(mechanismText);
  if (mechanismText !== undefined && mechanism === undefined) {
    throw new UsageError(`--mechanism "${mechanismText}" is not one of ${saslMechanisms.join(', ')}`, command);
  }
  const ca = pick('ca', v['tls.ca']);
  const plaintext = values['plaintext'] === true || env[v.tls]?.trim().toLowerCase() === 'false';
  const insecure = values['allow-insecure'] === true || env[v.allowInsecure]?.trim().toLowerCase() === 'true';
  // The topic flags replace both variables, so --distributor-code is not shadowed by GOODWE_KAFKA_TOPIC.
  const topicFromFlags = flag('topic') !== undefined || flag('distributor-code') !== undefined;
  const topic = topicFromFlags ? flag('topic') : pick('topic', v.topic);
  const distributorCode = topicFromFlags ? flag('distributor-code') : pick('distributor-code', v.distributorCode);
  const account = pick('account', v.account);
  const password = flag('password') ?? env[v.password];
  const options: ConnectionOptions = {
    bootstrapServers,
    tls: plaintext ? false : ca === undefined ? true : { ca },
    allowInsecure: insecure,
  };
  if (account !== undefined) options.account = account;
  // Given without an account, buildConnection refuses it, naming --account.
  if (password !== undefined && password !== '') options.password = password;
  if (account !== undefined && options.password === undefined) {
    throw new UsageError(`--account ${account} needs a password: set ${v.password}`, command);
  }
  if (topic !== undefined) options.topic = topic;
  if (distributorCode !== undefined) options.distributorCode = distributorCode;
  if (mechanism !== undefined) options.mechanism = mechanism;
  return buildConnection(options, optionNames);
}
