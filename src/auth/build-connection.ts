import type { z } from 'zod';
import { ConfigError } from '../errors/config-error.js';
import { InsecureConfigError } from '../errors/insecure-config-error.js';
import { connectionOptionsSchema, type ConnectionOptions, type ConnectionSettings } from './connection-options.js';
import { newKafkaConnection, type KafkaConnection } from './kafka-connection.js';
import { readPemSource } from './pem-source.js';

/**
 * What the user called each option, so that an error names what they actually wrote: an option
 * (`options.tls.ca`), an environment variable (`GOODWE_KAFKA_CA_FILE`) or a URL part. Keys are
 * option paths (`tls.ca`) or top-level option names.
 */
export type OptionNames = Partial<Record<string, string>>;

function nameOf(path: readonly PropertyKey[], names: OptionNames): string {
  const dotted = path.map(String).join('.');
  return names[dotted] ?? names[String(path[0])] ?? (dotted === '' ? 'connection options' : `options.${dotted}`);
}

function toConfigError(error: z.ZodError, names: OptionNames): ConfigError {
  // Issue messages are ours or zod's; neither quotes the input, so the password cannot leak.
  const problems = error.issues.map((issue) => `${nameOf(issue.path, names)} ${issue.message}`);
  return new ConfigError(`Invalid connection setting: ${problems.join('; ')}`);
}

function checkTlsFiles(settings: ConnectionSettings, names: OptionNames): void {
  if (typeof settings.tls !== 'object') return;
  const { ca, cert, key } = settings.tls;
  if ((cert === undefined) !== (key === undefined)) {
    const missing = cert === undefined ? 'tls.cert' : 'tls.key';
    throw new ConfigError(
      `Invalid connection setting: ${nameOf(missing.split('.'), names)} is missing; mutual TLS needs both a certificate and its key`,
    );
  }
  for (const [field, value] of [
    ['ca', ca],
    ['cert', cert],
    ['key', key],
  ] as const) {
    if (value === undefined) continue;
    try {
      readPemSource(value, { allowDirectory: field === 'ca' });
    } catch (error) {
      throw new ConfigError(
        `Invalid connection setting: ${nameOf(['tls', field], names)} ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
  }
}

function checkCrossField(settings: ConnectionSettings, names: OptionNames): void {
  const name = (key: string): string => nameOf([key], names);
  if (settings.account !== undefined && settings.password === undefined) {
    throw new ConfigError(
      `Invalid connection setting: ${name('password')} is missing; the account needs the password GoodWe issued`,
    );
  }
  if (settings.account === undefined && settings.password !== undefined) {
    throw new ConfigError(
      `Invalid connection setting: ${name('account')} is missing; a password was given without the account it belongs to`,
    );
  }
  if (settings.topic === undefined && settings.distributorCode === undefined) {
    throw new ConfigError(
      `Invalid connection setting: ${name('topic')} is missing; give the topic GoodWe created (e.g. ACME01), or ${name('distributorCode')} (the topic is named after it)`,
    );
  }
  if (
    settings.topic !== undefined &&
    settings.distributorCode !== undefined &&
    settings.topic !== settings.distributorCode
  ) {
    throw new ConfigError(
      `Invalid connection setting: ${name('topic')} (${settings.topic}) and ${name('distributorCode')} (${settings.distributorCode}) disagree; GoodWe names the topic after the distributor code, so give one of them`,
    );
  }
}

/**
 * Validates options, applies defaults and security rules, and returns the connection.
 * Shared by `goodweConnection`, `connectionFromEnv` and `connectionFromUrl`, which differ only in
 * where values come from and so in how errors name them.
 */
export function buildConnection(input: ConnectionOptions, names: OptionNames = {}): KafkaConnection {
  const parsed = connectionOptionsSchema.safeParse(input);
  if (!parsed.success) throw toConfigError(parsed.error, names);
  const settings = parsed.data;
  checkCrossField(settings, names);
  checkTlsFiles(settings, names);
  const where = settings.bootstrapServers.join(',');
  if (settings.account !== undefined && settings.tls === false) {
    if (!settings.allowInsecure) {
      throw new InsecureConfigError(
        `Refusing to send the password of account ${settings.account} to ${where} without TLS. ` +
          `Use TLS (${nameOf(['tls'], names)}), or set ${nameOf(['allowInsecure'], names)} to true on a trusted local network only.`,
      );
    }
    settings.logger.warn(
      { bootstrapServers: where, account: settings.account },
      'Kafka connection sends the account and password without TLS (allowInsecure): use it on a trusted local network only',
    );
  }
  if (typeof settings.tls === 'object' && (!settings.tls.verifyHostname || !settings.tls.rejectUnauthorized)) {
    const { verifyHostname, rejectUnauthorized } = settings.tls;
    settings.logger.warn(
      { bootstrapServers: where, verifyHostname, rejectUnauthorized },
      'Kafka connection does not fully verify the broker certificate: anyone on the network path can impersonate the broker',
    );
  }
  return newKafkaConnection(settings);
}
