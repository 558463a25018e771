import { redactUrlCredentials } from '../internal/redact-secrets.js';
import type { ErrorCode } from './error-codes.js';

// A registered symbol survives when both the ESM and the CJS build of the library are loaded
// in one process, where `instanceof` would fail.
const brand = Symbol.for('goodwe-kafka.error');

/** Options shared by every error class. */
export interface GoodweKafkaErrorOptions {
  /** The underlying error, kept for diagnosis. It never holds a secret. */
  cause?: unknown;
  /** Whether trying the same operation again may succeed. */
  retriable?: boolean;
}

/**
 * Base class of every error the library throws or reports.
 *
 * Match on {@link GoodweKafkaError.code}, which is stable across releases, and use
 * {@link isGoodweKafkaError} rather than `instanceof` to recognise one.
 */
export class GoodweKafkaError extends Error {
  // Each subclass names itself the same way: never `new.target.name`, which a bundler or a
  // minifier renames (`_TelemetryDecodeError`).
  /** The class name (`GoodweKafkaError`, or the subclass's), also in bundled or minified code. */
  override name: string = 'GoodweKafkaError';
  /** Stable code, one of {@link ErrorCode}. */
  readonly code: ErrorCode;
  /** Whether trying the same operation again may succeed. */
  readonly retriable: boolean;
  /** Marks errors of this library for {@link isGoodweKafkaError}, across ESM and CJS copies. */
  declare readonly [brand]: true;

  constructor(code: ErrorCode, message: string, options: GoodweKafkaErrorOptions = {}) {
    // A connection URL pasted into the wrong place must not carry its password into a message,
    // and so into the stack, util.inspect or a log line.
    super(redactUrlCredentials(message), options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retriable = options.retriable ?? false;
    Object.defineProperty(this, brand, { value: true });
  }
}

/**
 * Tells whether a value is an error thrown by this library, even when several copies of the
 * library (ESM and CJS) are loaded.
 *
 * @example
 * ```ts
 * try { await consumer.seekToTime(date); }
 * catch (error) { if (isGoodweKafkaError(error) && error.retriable) retryLater(); else throw error; }
 * ```
 */
export function isGoodweKafkaError(value: unknown): value is GoodweKafkaError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}
