import { inspect, type InspectOptions } from 'node:util';
import type { Logger } from '../internal/logger.js';
import { REDACTED } from '../internal/redact-secrets.js';
import type { ConnectionSettings } from './connection-options.js';
import { isPem } from './pem-source.js';
import type { SaslMechanism } from './sasl-mechanism.js';

/** How the client talks to the brokers, in librdkafka's words. */
export type SecurityProtocol = 'plaintext' | 'ssl' | 'sasl_plaintext' | 'sasl_ssl';

/** What a connection shows about its TLS settings: file paths as given, PEM text never. */
export interface TlsSummary {
  /** CA file path, `'[PEM]'` for inline PEM, or `undefined` for the system CAs. */
  ca: string | undefined;
  /** Client certificate file path, `'[PEM]'`, or `undefined`. */
  cert: string | undefined;
  /** Client key file path, `'[redacted]'` for inline PEM, or `undefined`. */
  key: string | undefined;
  /** Whether the broker certificate must name the host connected to. */
  verifyHostname: boolean;
  /** Whether the broker certificate must be signed by a trusted CA. */
  rejectUnauthorized: boolean;
}

// Only code in this package holds the token, so a KafkaConnection always went through validation.
const constructToken = Symbol('KafkaConnection');
let readSettings: (connection: KafkaConnection) => ConnectionSettings;

function summarizeTls(tls: ConnectionSettings['tls']): TlsSummary | false {
  if (tls === false) return false;
  const options = tls === true ? { verifyHostname: true, rejectUnauthorized: true } : tls;
  const show = (value: string | undefined, pem: string): string | undefined =>
    value === undefined ? undefined : isPem(value) ? pem : value;
  return {
    ca: show('ca' in options ? options.ca : undefined, '[PEM]'),
    cert: show('cert' in options ? options.cert : undefined, '[PEM]'),
    key: show('key' in options ? options.key : undefined, REDACTED),
    verifyHostname: options.verifyHostname,
    rejectUnauthorized: options.rejectUnauthorized,
  };
}

/**
 * A validated, immutable description of how to reach GoodWe's Kafka: addresses, account, topic,
 * mechanism and TLS. Build one with `goodweConnection`, `connectionFromEnv` or
 * `connectionFromUrl`; the consumer, the producer and the CLI all take it.
 *
 * The password (or its provider) is held privately: it never shows in `util.inspect`,
 * `JSON.stringify`, `console.log` or an error message.
 */
export class KafkaConnection {
  /** Bootstrap addresses, normalised `host:port`. */
  readonly bootstrapServers: readonly string[];
  /** SASL account, or `undefined` when the connection does not authenticate. */
  readonly account: string | undefined;
  /** The topic to read. */
  readonly topic: string;
  /** The distributor code the topic was named after, when given. */
  readonly distributorCode: string | undefined;
  /** SASL mechanism (used only with an account). */
  readonly mechanism: SaslMechanism;
  /** Transport and authentication, as librdkafka's `security.protocol`. */
  readonly securityProtocol: SecurityProtocol;
  /** TLS settings, or `false` for plaintext. */
  readonly tls: TlsSummary | false;
  /** Whether credentials may travel without TLS. */
  readonly allowInsecure: boolean;
  /** Client id sent to the brokers. */
  readonly clientId: string;
  /** Time allowed to connect before a typed error. */
  readonly connectTimeoutMs: number;
  /** Where the library logs for this connection. */
  readonly logger: Logger;
  readonly #settings: ConnectionSettings;

  static {
    readSettings = (connection) => connection.#settings;
  }

  /** @internal Use `goodweConnection`, `connectionFromEnv` or `connectionFromUrl`. */
  constructor(settings: ConnectionSettings, token: symbol) {
    if (token !== constructToken) {
      throw new TypeError(
        'Create a KafkaConnection with goodweConnection(), connectionFromEnv() or connectionFromUrl().',
      );
    }
    this.#settings = Object.freeze({ ...settings });
    const sasl = settings.account !== undefined;
    const tls = settings.tls !== false;
    this.bootstrapServers = Object.freeze([...settings.bootstrapServers]);
    this.account = settings.account;
    // Validation guarantees one of the two.
    this.topic = (settings.topic ?? settings.distributorCode)!;
    this.distributorCode = settings.distributorCode;
    this.mechanism = settings.mechanism;
    this.securityProtocol = sasl ? (tls ? 'sasl_ssl' : 'sasl_plaintext') : tls ? 'ssl' : 'plaintext';
    const summary = summarizeTls(settings.tls);
    this.tls = summary === false ? false : Object.freeze(summary);
    this.allowInsecure = settings.allowInsecure;
    this.clientId = settings.clientId;
    this.connectTimeoutMs = settings.connectTimeoutMs;
    this.logger = settings.logger;
    Object.freeze(this);
  }

  /** What `JSON.stringify` shows: every setting, with the password replaced by `'[redacted]'`. */
  toJSON(): Record<string, unknown> {
    return {
      bootstrapServers: this.bootstrapServers,
      account: this.account,
      ...(this.account === undefined ? {} : { password: REDACTED }),
      topic: this.topic,
      distributorCode: this.distributorCode,
      mechanism: this.mechanism,
      securityProtocol: this.securityProtocol,
      tls: this.tls,
      allowInsecure: this.allowInsecure,
      clientId: this.clientId,
      connectTimeoutMs: this.connectTimeoutMs,
    };
  }

  /** What `util.inspect` and `console.log` show: the same as {@link KafkaConnection.toJSON}. */
  [inspect.custom](_depth: number, options: InspectOptions): string {
    return `KafkaConnection ${inspect(this.toJSON(), { ...options, depth: 3 })}`;
  }
}

/** @internal Creates a connection from validated settings. */
export function newKafkaConnection(settings: ConnectionSettings): KafkaConnection {
  return new KafkaConnection(settings, constructToken);
}

/** @internal The full settings, password source included. Only the Kafka layer may call it. */
export function connectionSettings(connection: KafkaConnection): ConnectionSettings {
  return readSettings(connection);
}
