import type { TelemetryDecodeError } from '../errors/telemetry-decode-error.js';
import type { DecodedTelemetry } from '../telemetry/decode-telemetry.js';

/**
 * Turns a message value into readings, or says why it cannot. Never throws. `timestampMs` is the
 * Kafka record time, which places a wall-clock time of the repeated DST hour (see `referenceTime`).
 */
export type MessageDecoder<T> = (
  bytes: Buffer | null,
  timestampMs?: number,
) => { ok: true; records: DecodedTelemetry<T>[] } | { ok: false; error: TelemetryDecodeError };
