import type { LibrdKafkaError, NativeMetadata } from './native.js';
import { isAuthenticationFailure, isTlsFailure, toGoodweError } from './map-error.js';
import { ConnectionError } from '../errors/connection-error.js';
import { redactSecrets } from '../internal/redact-secrets.js';
import type { NativeLog } from './client-logs.js';

/** The part of a native client that connecting needs. */
interface Connectable {
  connect(options: { timeout?: number }, cb: (err: LibrdKafkaError | null, data: NativeMetadata) => void): unknown;
  disconnect(cb?: (err: unknown) => void): unknown;
  on(event: 'event.error' | 'event.log', listener: (event: LibrdKafkaError | NativeLog) => void): unknown;
  removeListener(event: 'event.error' | 'event.log', listener: (event: LibrdKafkaError | NativeLog) => void): unknown;
}

// librdkafka reports broker connection failures (bad credentials, TLS, refused) only as FAIL log
// lines while it retries them forever; syslog severity 3 is "error".
function isFailureLog(event: LibrdKafkaError | NativeLog): event is NativeLog {
  return 'fac' in event && event.severity <= 3;
}

/** How to connect. */
export interface ConnectOptions {
  /** Bootstrap addresses, named in errors. */
  brokers: string;
  /** What is connecting, e.g. `Producer`. */
  role: string;
  /** Give up after this long. */
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  /** Secret values (from {@link secretsOfConfig}) never to repeat in an error message. */
  secrets?: readonly string[] | undefined;
}

/**
 * Connects a native client and resolves with the cluster metadata, or rejects with a typed error.
 *
 * librdkafka retries failed authentication and TLS handshakes forever and only logs them; we watch
 * its error events while connecting so a wrong password or an unknown CA fails at once instead of
 * after the whole timeout, and a broker that never answers fails with the addresses tried.
 */
export function connectClient(client: Connectable, options: ConnectOptions): Promise<NativeMetadata> {
  const operation = `${options.role} connecting to ${options.brokers}`;
  const context = { operation, brokers: options.brokers, secrets: options.secrets ?? [] };
  return new Promise<NativeMetadata>((resolve, reject) => {
    let settled = false;
    let lastError: LibrdKafkaError | NativeLog | undefined;
    const finish = (error: unknown, metadata?: NativeMetadata): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      client.removeListener('event.error', onError);
      client.removeListener('event.log', onError);
      options.signal?.removeEventListener('abort', onAbort);
      if (error === undefined) resolve(metadata!);
      else reject(error);
    };
    const onError = (error: LibrdKafkaError | NativeLog): void => {
      if ('fac' in error && !isFailureLog(error)) return;
      lastError = error;
      if (isAuthenticationFailure(error) || isTlsFailure(error)) {
        finish(toGoodweError(error, context));
      }
    };
    // Aborts reject with the signal's reason, whatever it is, as AbortSignal users expect.
    const onAbort = (): void => finish(options.signal?.reason ?? new Error('Aborted'));
    // Either the credentials or TLS were rejected, or nothing usable answered at all.
    const failure = (cause: unknown): Error => {
      if (lastError && (isAuthenticationFailure(lastError) || isTlsFailure(lastError))) {
        return toGoodweError(lastError, context);
      }
      const detail = lastError ? ` Last broker error: ${redactSecrets(lastError.message, context.secrets)}` : '';
      return new ConnectionError(
        `${operation} failed: no broker answered within ${options.timeoutMs} ms (brokers tried: ${options.brokers}).${detail}`,
        { cause, retriable: true },
      );
    };
    const timer = setTimeout(() => finish(failure(undefined)), options.timeoutMs);
    if (options.signal?.aborted) {
      onAbort();
      return;
    }
    options.signal?.addEventListener('abort', onAbort, { once: true });
    client.on('event.error', onError);
    client.on('event.log', onError);
    // The native connect cannot be cancelled: when we have already given up (failure seen in the
    // logs, or aborted), its late callback only tidies up. It ends by itself within timeoutMs.
    client.connect({ timeout: options.timeoutMs }, (error, metadata) => {
      if (settled) {
        if (!error) client.disconnect();
        return;
      }
      finish(error ? failure(error) : undefined, metadata);
    });
  });
}
