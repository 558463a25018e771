import { AuthenticationError } from '../errors/authentication-error.js';
import { AuthorizationError } from '../errors/authorization-error.js';
import { ConnectionError } from '../errors/connection-error.js';
import { isGoodweKafkaError, type GoodweKafkaError } from '../errors/goodwe-kafka-error.js';
import { KafkaClientError } from '../errors/kafka-client-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { TlsError } from '../errors/tls-error.js';
import { RdCode } from './error-codes.js';

/** Shape of an error raised by the native client. */
interface NativeError {
  message?: unknown;
  code?: unknown;
  isRetriable?: unknown;
}

/** Where an error happened, for its message. */
export interface ErrorContext {
  /** What was being done, e.g. `Connecting to 127.0.0.1:9093`. */
  operation: string;
  /** Comma-separated broker addresses, named in connection errors. */
  brokers?: string;
}

function nativeCode(error: unknown): number | undefined {
  const code = (error as NativeError | undefined)?.code;
  return typeof code === 'number' ? code : undefined;
}

function nativeMessage(error: unknown): string {
  const message = (error as NativeError | undefined)?.message;
  return typeof message === 'string' ? message : String(error);
}

/** Tells whether a native error is TLS-related (librdkafka reports many of these as transport errors). */
export function isTlsFailure(error: unknown): boolean {
  return nativeCode(error) === RdCode.ssl || /\bSSL\b|certificate|handshake/i.test(nativeMessage(error));
}

/** Tells whether a native error is an authentication failure. */
export function isAuthenticationFailure(error: unknown): boolean {
  const code = nativeCode(error);
  return (
    code === RdCode.authentication ||
    code === RdCode.saslAuthenticationFailed ||
    /SASL authentication|Authentication failed|Invalid username or password/i.test(nativeMessage(error))
  );
}

/**
 * Turns an error from the native client into the library's typed error, with a message that says
 * what failed, where, and what to do. Already-typed errors pass through unchanged.
 */
export function toGoodweError(error: unknown, context: ErrorContext): GoodweKafkaError {
  if (isGoodweKafkaError(error)) return error;
  const code = nativeCode(error);
  const detail = nativeMessage(error);
  const where = context.brokers ? ` (brokers tried: ${context.brokers})` : '';
  if (isAuthenticationFailure(error)) {
    return new AuthenticationError(
      `${context.operation} failed: the broker rejected the account, password or SASL mechanism${where}. Check the credentials and the mechanism. Broker said: ${detail}`,
      { cause: error },
    );
  }
  if (isTlsFailure(error)) {
    return new TlsError(
      `${context.operation} failed: TLS handshake error${where}. Check the CA file and the broker host name. Broker said: ${detail}`,
      { cause: error },
    );
  }
  if (code === RdCode.topicAuthorizationFailed || code === RdCode.groupAuthorizationFailed) {
    return new AuthorizationError(
      `${context.operation} failed: not authorised (${detail}). Ask the cluster operator for access.`,
      {
        cause: error,
      },
    );
  }
  if (code === RdCode.allBrokersDown || code === RdCode.transport || code === RdCode.resolve) {
    return new ConnectionError(`${context.operation} failed: no broker reachable${where}. ${detail}`, { cause: error });
  }
  if (code === RdCode.timedOut) {
    return new TimeoutError(`${context.operation} timed out${where}. ${detail}`, { cause: error });
  }
  const retriable = (error as NativeError | undefined)?.isRetriable === true;
  return new KafkaClientError(`${context.operation} failed: ${detail}`, { cause: error, retriable });
}
