import { z } from 'zod';
import { ErrorCode } from '../errors/error-codes.js';
import { TelemetryDecodeError } from '../errors/telemetry-decode-error.js';
import { canonicalFieldOrder } from '../telemetry/alias-table.js';
import { decodeTelemetry } from '../telemetry/decode-telemetry.js';
import { inverterTelemetrySchema } from '../telemetry/inverter-telemetry-schema.js';
import { toWireTelemetry, type TelemetryInput, type WireTelemetry } from './telemetry-wire.js';

// Strict: a misspelt field (`acpower`) is an error rather than a reading silently not sent.
const inputSchema = z.strictObject({
  ...inverterTelemetrySchema.shape,
  quality: z.array(z.string()).optional(),
});

const same = (a: unknown, b: unknown): boolean =>
  a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : Object.is(a, b);

const show = (value: unknown): string => (value instanceof Date ? value.toISOString() : JSON.stringify(value));

/**
 * Validates one reading for sending and returns its wire object, or the reason it may not be sent.
 *
 * Two checks: the reading must match the canonical schema (types, required serial number, no
 * unknown field), and what is sent must decode back to exactly the given reading. The second
 * catches values the consumer would change: a sentinel (`6553.5`), an impossible value (a
 * temperature of 900 °C), text with surrounding spaces, or a numeric string where an alarm
 * code is read as a number. Producing them would make consumers see something else than was sent.
 */
export function checkTelemetryInput(reading: unknown, index?: number): WireTelemetry | TelemetryDecodeError {
  const prefix = index === undefined ? '' : `[${index}]`;
  const parsed = inputSchema.safeParse(reading);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = [prefix, ...(issue?.path ?? []).map(String)].filter((p) => p !== '').join('.');
    const detail = `the reading cannot be sent: ${issue?.message ?? 'invalid value'}`;
    return new TelemetryDecodeError(ErrorCode.DecodeInvalid, detail, { path, cause: parsed.error });
  }
  const input = parsed.data as TelemetryInput;
  const wire = toWireTelemetry(input);
  const decoded = decodeTelemetry(JSON.stringify(wire));
  const back = decoded.ok ? decoded.records[0]?.value : undefined;
  if (!decoded.ok || back === undefined) {
    const detail = `the reading would not decode: ${decoded.ok ? 'no record' : decoded.error.detail}`;
    return new TelemetryDecodeError(ErrorCode.DecodeInvalid, detail, { path: prefix });
  }
  for (const field of canonicalFieldOrder) {
    if (same(input[field], back[field])) continue;
    const path = [prefix, field].filter((p) => p !== '').join('.');
    const note = back.quality.find((q) => q.startsWith(`${field}:`));
    const detail =
      `the reading cannot be sent as given: ${show(input[field])} would be read back as ${show(back[field])}` +
      (note === undefined ? '' : ` (${note})`);
    return new TelemetryDecodeError(ErrorCode.DecodeInvalid, detail, { path });
  }
  return wire;
}
