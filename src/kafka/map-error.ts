import { AuthenticationError } from '../errors/authentication-error.js';
import { AuthorizationError } from '../errors/authorization-error.js';
import { ConnectionError } from '../errors/connection-error.js';
import { isGoodweKafkaError, type GoodweKafkaError } from '../errors/goodwe-kafka-error.js';
import { KafkaClientError } from '../errors/kafka-client-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import { TlsError } from '../errors/tls-error.js';
import { redactSecrets } from '../internal/redact-secrets.js';
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
  /** Secret values (password, key) to strip from the client's words before they reach a message. */
  secrets?: readonly string[];
}

function nativeCode(error: unknown): number | undefined {
  const code = (error as NativeError | undefined)?.code;
  return typeof code === 'number' ? code : undefined;
}

function nativeMessage(error: unknown): string {
  const message = (error as NativeError | undefined)?.message;
  return typeof message === 'string' ? message : String(error);
}

// The broker refused the SASL mechanism (not enabled on that listener, or no SASL at all there):
// "SASL SCRAM-SHA-512 mechanism handshake failed: ... broker's supported mechanisms: PLAIN".
// It says "handshake" but it is an authentication problem, not a TLS one.
const saslHandshakeFailure = /SASL \S+ mechanism handshake failed|Unsupported SASL mechanism/i;

/** Tells whether a native error is TLS-related (librdkafka reports many of these as transport errors). */
export function isTlsFailure(error: unknown): boolean {
  if (saslHandshakeFailure.test(nativeMessage(error))) return false;
  return nativeCode(error) === RdCode.ssl || /\bSSL\b|certificate|handshake/i.test(nativeMessage(error));
}

/**
 * Tells whether a TLS failure looks like a handshake sent to a plaintext listener: librdkafka says
 * so when the broker answered in plaintext, while a PLAINTEXT (no SASL) listener just closes the
 * connection on the first bytes of the handshake.
 */
export function looksLikePlaintextListener(detail: string): boolean {
  return /PLAINTEXT broker listener|SSL connection closed by peer/i.test(detail);
}

/** Tells whether a native error is an authentication failure. */
export function isAuthenticationFailure(error: unknown): boolean {
  const code = nativeCode(error);
  return (
    code === RdCode.authentication ||
    code === RdCode.saslAuthenticationFailed ||
    /SASL authentication|Authentication failed|Invalid username or password/i.test(nativeMessage(error)) ||
    saslHandshakeFailure.test(nativeMessage(error))
  );
}

/**
 * Turns an error from the native client into the library's typed error, with a message that says
 * what failed, where, and what to do. Already-typed errors pass through unchanged.
 */
export function toGoodweError(error: unknown, context: ErrorContext): GoodweKafkaError {
  if (isGoodweKafkaError(error)) return error;
  const code = nativeCode(error);
  const raw = nativeMessage(error);
  const detail = redactSecrets(raw, context.secrets);
  // Keep the code for diagnosis but never a secret the client's words contained.
  const cause = detail === raw ? error : Object.assign(new Error(detail), { code });
  const where = context.brokers ? ` (brokers tried: ${context.brokers})` : '';
  if (isAuthenticationFailure(error)) {
    const hint = saslHandshakeFailure.test(detail)
      ? 'The broker does not accept this SASL mechanism on that address: check the mechanism option and that the address is the SASL listener GoodWe gave.'
      : 'Check the account, the password and the mechanism GoodWe issued.';
    return new AuthenticationError(
      `${context.operation} failed: the broker rejected the account, password or SASL mechanism${where}. ${hint} Broker said: ${detail}`,
      { cause },
    );
  }
  if (isTlsFailure(error)) {
    const hint = looksLikePlaintextListener(detail)
      ? 'The address looks like a plaintext listener: check the port, or turn TLS off for it.'
      : 'Check the CA (tls.ca) and that the address is a host name the broker certificate names.';
    return new TlsError(`${context.operation} failed: TLS handshake error${where}. ${hint} Broker said: ${detail}`, {
      cause,
    });
  }
  if (code === RdCode.topicAuthorizationFailed || code === RdCode.groupAuthorizationFailed) {
    return new AuthorizationError(
      `${context.operation} failed: not authorised (${detail}). Ask the cluster operator for access.`,
      {
        cause,
      },
    );
  }
  if (code === RdCode.allBrokersDown || code === RdCode.transport || code === RdCode.resolve) {
    return new ConnectionError(`${context.operation} failed: no broker reachable${where}. ${detail}`, { cause });
  }
  if (code === RdCode.timedOut) {
    return new TimeoutError(`${context.operation} timed out${where}. ${detail}`, { cause });
  }
  const retriable = (error as NativeError | undefined)?.isRetriable === true;
  return new KafkaClientError(`${context.operation} failed: ${detail}`, { cause, retriable });
}
