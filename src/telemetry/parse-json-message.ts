import { ErrorCode } from '../errors/error-codes.js';
import { TelemetryDecodeError } from '../errors/telemetry-decode-error.js';

/** What a message holds: one object, or an array of objects (paths then start with `[i]`). */
export type JsonMessage = object | object[];

const isPlainObject = (value: unknown): value is object =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

/**
 * Parses JSON text that must be one object or an array of objects. Whitespace-only text counts as
 * empty; a JSON scalar, `null` or an array holding anything but objects is the wrong shape.
 */
export function parseJsonMessage(text: string): JsonMessage | TelemetryDecodeError {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    if (text.trim() === '') return new TelemetryDecodeError(ErrorCode.DecodeEmpty, 'the message holds only whitespace');
    const reason = cause instanceof Error ? cause.message : String(cause);
    return new TelemetryDecodeError(ErrorCode.DecodeJson, `the message is not JSON (${reason})`, { cause });
  }
  if (isPlainObject(parsed)) return parsed;
  if (!Array.isArray(parsed)) {
    return new TelemetryDecodeError(
      ErrorCode.DecodeShape,
      `expected an object or an array of objects, got ${kindOf(parsed)}`,
    );
  }
  for (let index = 0; index < parsed.length; index++) {
    const element: unknown = parsed[index];
    if (!isPlainObject(element)) {
      return new TelemetryDecodeError(ErrorCode.DecodeShape, `expected an object, got ${kindOf(element)}`, {
        path: `[${index}]`,
      });
    }
  }
  return parsed as object[];
}
