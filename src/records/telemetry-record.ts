import type { TelemetryDecodeError } from '../errors/telemetry-decode-error.js';

/**
 * Where a record came from: the live stream, a gap refill, a replay, or the backfill of a range
 * that live-first catch-up skipped.
 */
export type RecordSource = 'live' | 'refill' | 'replay' | 'backfill';

/**
 * One decoded telemetry reading, with where it sits in Kafka.
 *
 * @typeParam T - The decoded reading: `InverterTelemetry`, or the type of the `schema` option.
 */
export interface TelemetryRecord<T> {
  /** The decoded, validated reading. */
  readonly value: T;
  /** The JSON object as it was sent (one element when the message held an array). */
  readonly raw: Readonly<Record<string, unknown>>;
  /** The topic the message was read from. */
  readonly topic: string;
  /** The partition the message was read from. */
  readonly partition: number;
  /** The message offset, as a decimal string (Kafka offsets are 64-bit). */
  readonly offset: string;
  /** The Kafka record time. */
  readonly timestamp: Date;
  /** The message key (usually the serial number), or `null`. */
  readonly key: string | null;
  /** Message headers. */
  readonly headers: Readonly<Record<string, Buffer>>;
  /** How the record reached the consumer: live, from a gap refill, a replay or a catch-up backfill. */
  readonly source: RecordSource;
}

/**
 * A message that could not be decoded, yielded only with `onInvalid: 'yield'`. Its offset is
 * committed like any other once the loop body has finished with it.
 */
export interface InvalidTelemetryRecord {
  /** Always `undefined`: there is no decoded reading. */
  readonly value: undefined;
  /** Why it could not be decoded; `error.code` says which check failed. */
  readonly error: TelemetryDecodeError;
  /** The message bytes as they were read. */
  readonly bytes: Buffer | null;
  /** The topic the message was read from. */
  readonly topic: string;
  /** The partition the message was read from. */
  readonly partition: number;
  /** The message offset, as a decimal string (Kafka offsets are 64-bit). */
  readonly offset: string;
  /** The Kafka record time. */
  readonly timestamp: Date;
  /** The message key (usually the serial number), or `null`. */
  readonly key: string | null;
  /** Message headers. */
  readonly headers: Readonly<Record<string, Buffer>>;
  /** How the record reached the consumer: live, from a gap refill, a replay or a catch-up backfill. */
  readonly source: RecordSource;
}
