import { ErrorCode } from './error-codes.js';
import { GoodweKafkaError, type GoodweKafkaErrorOptions } from './goodwe-kafka-error.js';

/** The codes a {@link TelemetryDecodeError} can carry. */
export type TelemetryDecodeErrorCode =
  | typeof ErrorCode.DecodeEmpty
  | typeof ErrorCode.DecodeTooLarge
  | typeof ErrorCode.DecodeEncoding
  | typeof ErrorCode.DecodeJson
  | typeof ErrorCode.DecodeShape
  | typeof ErrorCode.DecodeMissingSerial
  | typeof ErrorCode.DecodeInvalid
  | typeof ErrorCode.Config;

/** Where in Kafka the message that failed to decode lives. */
export interface TelemetryMessageLocation {
  /** The topic the message was read from. */
  topic: string;
  /** The partition the message was read from. */
  partition: number;
  /** The message offset, as a string so that no 64-bit offset loses precision. */
  offset: string;
}

/** Options of a {@link TelemetryDecodeError}. */
export interface TelemetryDecodeErrorOptions extends GoodweKafkaErrorOptions {
  /** The failing field path, e.g. `[2].last_time`; empty when the whole message failed. */
  path?: string;
  /** The Kafka location of the message, when known. */
  location?: TelemetryMessageLocation;
}

/**
 * Reported (never thrown) by `decodeTelemetry` when a message can't become telemetry records:
 * it is empty, too large, not UTF-8, not JSON, not an object or array of objects, has no serial
 * number, or a field holds a value of the wrong kind. Decoding it again gives the same error, so
 * it is not retriable: skip the message or send it to a dead-letter topic, and look at
 * {@link TelemetryDecodeError.path} to see which field was wrong.
 *
 * The decoder does not know where the bytes came from; the consumer attaches the Kafka location
 * with {@link TelemetryDecodeError.withLocation}, which returns a new error whose message names it.
 */
export class TelemetryDecodeError extends GoodweKafkaError {
  /** Always `TelemetryDecodeError`, also in bundled or minified code. */
  override readonly name: string = 'TelemetryDecodeError';
  declare readonly code: TelemetryDecodeErrorCode;
  /** The failing field path, e.g. `[2].last_time` (element 2 of an array, wire key `last_time`); empty for the whole message. */
  readonly path: string;
  /** What was wrong, without the path and location (the message adds them). */
  readonly detail: string;
  /** The topic of the message, once attached with {@link TelemetryDecodeError.withLocation}. */
  readonly topic: string | undefined;
  /** The partition of the message, once attached. */
  readonly partition: number | undefined;
  /** The offset of the message (a string, never a lossy number), once attached. */
  readonly offset: string | undefined;

  constructor(code: TelemetryDecodeErrorCode, detail: string, options: TelemetryDecodeErrorOptions = {}) {
    super(code, describe(code, detail, options.path ?? '', options.location), { retriable: false, ...options });
    this.path = options.path ?? '';
    this.detail = detail;
    this.topic = options.location?.topic;
    this.partition = options.location?.partition;
    this.offset = options.location?.offset;
  }

  /**
   * Returns a copy of this error that names the Kafka message it came from. The error is
   * immutable so that one shared instance is never relabelled by two consumers.
   *
   * @example
   * ```ts
   * const result = decodeTelemetry(message.value);
   * if (!result.ok) throw result.error.withLocation({ topic, partition, offset: message.offset });
   * ```
   */
  withLocation(location: TelemetryMessageLocation): TelemetryDecodeError {
    return new TelemetryDecodeError(this.code, this.detail, {
      path: this.path,
      location,
      ...(this.cause === undefined ? {} : { cause: this.cause }),
    });
  }
}

function describe(
  code: TelemetryDecodeErrorCode,
  detail: string,
  path: string,
  location: TelemetryMessageLocation | undefined,
): string {
  if (code === ErrorCode.Config) return `Telemetry decoder ${path} is invalid: ${detail}`;
  const where = path === '' ? 'Telemetry message' : `Telemetry field ${path}`;
  const source = location === undefined ? '' : ` in ${location.topic}[${location.partition}]@${location.offset}`;
  return `${where}${source} could not be decoded: ${detail}`;
}
