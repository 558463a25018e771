import { z } from 'zod';
import type { Logger } from '../internal/logger.js';
import { isLogger, silentLogger, toLogger } from '../internal/logger.js';
import { parseBootstrapServers } from './bootstrap-servers.js';
import { saslMechanisms, type SaslMechanism } from './sasl-mechanism.js';

/**
 * Returns the password when a connection is opened. Called again for every new client, so a
 * rotated secret (from a vault, a file, a cloud secret manager) is picked up without a restart.
 */
export type PasswordProvider = () => string | PromiseLike<string>;

// Kafka's own rule for topic names (clients/src/main/java/org/apache/kafka/common/internals/Topic.java).
const topicName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._-]{1,249}$/, 'must be 1-249 characters from A-Z a-z 0-9 . _ - (e.g. ACME01)')
  .refine((name) => name !== '.' && name !== '..', 'cannot be "." or ".."');

const pemOrPath = z.string().trim().min(1, 'must be a file path or PEM text (-----BEGIN CERTIFICATE-----...)');

/** Validation and defaults of the `tls` option in object form ({@link TlsOptions}). */
export const tlsOptionsSchema = z.strictObject({
  /**
   * CA certificate(s) to trust: a PEM file path, a directory of them, or PEM text. Without it
   * the operating system's CAs are used.
   */
  ca: pemOrPath.optional(),
  /** Client certificate for mutual TLS: a PEM file path or PEM text. Needs `key`. */
  cert: pemOrPath.optional(),
  /** Client private key for mutual TLS (unencrypted): a PEM file path or PEM text. Treated as a secret. */
  key: pemOrPath.optional(),
  /**
   * Check that the broker certificate names the host connected to. Turning it off logs a warning.
   * @default true
   */
  verifyHostname: z.boolean().default(true),
  /**
   * Check that the broker certificate is signed by a trusted CA. Turning it off logs a warning.
   * @default true
   */
  rejectUnauthorized: z.boolean().default(true),
});

/** The `tls` option in object form. */
export type TlsOptions = z.input<typeof tlsOptionsSchema>;

/** The one source of truth for connection options: validation, defaults and both types. */
export const connectionOptionsSchema = z.strictObject({
  /**
   * The subscription address GoodWe issued: `host:port,host:port` or an array of `host:port`.
   * IPv6 addresses go in brackets: `[2001:db8::1]:9093`.
   */
  bootstrapServers: z.union([z.string(), z.array(z.string()).readonly()]).transform((value, ctx) => {
    try {
      return parseBootstrapServers(value, { echo: true });
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  }),
  /** The account (SASL user name) GoodWe issued. Without it the connection does not authenticate. */
  account: z.string().trim().min(1, 'is empty; give the account GoodWe issued').optional(),
  /** The password GoodWe issued, or a function returning it (resolved at every connect). */
  password: z
    .union([
      z.string().min(1, 'is empty'),
      z.custom<PasswordProvider>((value) => typeof value === 'function', 'must be a string or a function'),
    ])
    .optional(),
  /** The topic to read. Give this or `distributorCode`. */
  topic: topicName.optional(),
  /** The distributor code: GoodWe names the topic after it, so the topic is the code itself. */
  distributorCode: topicName.optional(),
  /**
   * The SASL mechanism GoodWe enabled for the account.
   * @default 'SCRAM-SHA-512'
   */
  mechanism: z
    .enum(saslMechanisms as [SaslMechanism, ...SaslMechanism[]], {
      error: () => `must be one of ${saslMechanisms.join(', ')}`,
    })
    .default('SCRAM-SHA-512'),
  /**
   * TLS to the brokers: `true` (verify against the system CAs), an object (your CA, mutual TLS,
   * verification switches), or `false` (plaintext: with an account it needs `allowInsecure`).
   * @default true
   */
  tls: z.union([z.boolean(), tlsOptionsSchema]).default(true),
  /**
   * Allow sending the account and password without TLS. Only for a trusted local network.
   * @default false
   */
  allowInsecure: z.boolean().default(false),
  /**
   * Client id shown in the broker's logs and quotas.
   * @default 'goodwe-kafka'
   */
  clientId: z.string().trim().min(1, 'is empty').default('goodwe-kafka'),
  /**
   * How long connecting (TCP, TLS, SASL, first metadata) may take before failing with a typed error.
   * @default 15000
   */
  connectTimeoutMs: z
    .number()
    .int('must be a whole number of milliseconds')
    .min(1000, 'must be at least 1000 ms')
    .max(300_000, 'must be at most 300000 ms')
    .default(15_000),
  /**
   * Where warnings (verification turned off) and forwarded librdkafka log lines go: a pino-shaped
   * logger, `console` (written through `consoleLogger()`, level `info`), or `consoleLogger({ level })`.
   * Secrets are redacted before anything reaches it.
   * @default silentLogger
   */
  logger: z
    .custom<Logger>(isLogger, 'must have debug, info, warn and error methods')
    .transform(toLogger)
    .default(silentLogger),
});

/** Options of `goodweConnection`, as callers write them. */
export type ConnectionOptions = z.input<typeof connectionOptionsSchema>;

/** Options after validation and defaults. */
export type ConnectionSettings = z.output<typeof connectionOptionsSchema>;

/** The `tls` setting after validation: `false`, `true` or the object with defaults applied. */
export type TlsSettings = ConnectionSettings['tls'];
