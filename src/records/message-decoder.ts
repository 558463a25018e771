import type { TelemetryDecodeError } from '../errors/telemetry-decode-error.js';
import type { DecodedTelemetry } from '../telemetry/decode-telemetry.js';

/** Turns a message value into readings, or says why it cannot. Never throws. */
export type MessageDecoder<T> = (
  bytes: Buffer | null,
) => { ok: true; records: DecodedTelemetry<T>[] } | { ok: false; error: TelemetryDecodeError };
