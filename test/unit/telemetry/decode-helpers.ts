import { expect } from 'vitest';
import { decodeTelemetry, type DecodedTelemetry } from '../../../src/telemetry/decode-telemetry.js';
import type { DecodeTelemetryOptions } from '../../../src/telemetry/decode-telemetry-options.js';
import type { InverterTelemetry } from '../../../src/telemetry/inverter-telemetry-schema.js';

/** Decodes a message that must hold exactly one valid record and returns it. */
export function decodeOne(
  message: string | Uint8Array | Record<string, unknown>,
  options?: DecodeTelemetryOptions,
): DecodedTelemetry<InverterTelemetry> {
  const bytes = typeof message === 'string' || message instanceof Uint8Array ? message : JSON.stringify(message);
  const result = decodeTelemetry(bytes, options);
  if (!result.ok) throw result.error;
  expect(result.records).toHaveLength(1);
  return result.records[0] as DecodedTelemetry<InverterTelemetry>;
}
