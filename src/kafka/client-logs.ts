import type { ClientConfig } from './client-config.js';
import type { Logger } from '../internal/logger.js';
import { redactSecrets } from '../internal/redact-secrets.js';

/** A log line from librdkafka, as the native client emits it on `event.log`. */
export interface NativeLog {
  /** syslog severity: 0 emergency ... 3 error, 4 warning, 5 notice, 6 info, 7 debug. */
  severity: number;
  /** librdkafka facility, e.g. `FAIL`, `SASL`, `CONF`. */
  fac: string;
  message: string;
}

/** The part of a native client that log forwarding needs. */
interface LogSource {
  on(event: 'event.log', listener: (log: NativeLog) => void): unknown;
  removeListener(event: 'event.log', listener: (log: NativeLog) => void): unknown;
}

// Config keys whose values are secrets: their values are redacted from every forwarded line.
const secretKeys = ['sasl.password', 'ssl.key.password', 'ssl.key.pem', 'ssl.keystore.password'];

/** The secret values in a librdkafka config, to redact from anything derived from it. */
export function secretsOfConfig(config: ClientConfig): string[] {
  return secretKeys.flatMap((key) => {
    const value = config[key];
    return typeof value === 'string' && value !== '' ? [value] : [];
  });
}

function levelOf(severity: number): keyof Logger {
  if (severity <= 3) return 'error';
  if (severity === 4) return 'warn';
  if (severity <= 6) return 'info';
  return 'debug';
}

/**
 * Sends librdkafka's log lines to the user's logger, with every secret redacted first (librdkafka
 * `debug` output can include configuration dumps). Returns a function that stops forwarding.
 */
export function forwardClientLogs(client: LogSource, logger: Logger, secrets: readonly string[]): () => void {
  const listener = (log: NativeLog): void => {
    logger[levelOf(log.severity)]({ facility: log.fac, severity: log.severity }, redactSecrets(log.message, secrets));
  };
  client.on('event.log', listener);
  return () => client.removeListener('event.log', listener);
}
