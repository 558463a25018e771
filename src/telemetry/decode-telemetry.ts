import type { z } from 'zod';
import { ErrorCode } from '../errors/error-codes.js';
import { TelemetryDecodeError } from '../errors/telemetry-decode-error.js';
import { bytesToText } from './bytes-to-text.js';
import { inverterTelemetrySchema } from './inverter-telemetry-schema.js';
import { normalizeTelemetry, type NormalizeOptions } from './normalize-telemetry.js';
import {
  resolveDecodeOptions,
  type DecodeTelemetryOptions,
  type ResolvedDecodeOptions,
} from './decode-telemetry-options.js';
import { parseJsonMessage } from './parse-json-message.js';

/** One decoded record: the validated value, plus what the consumer needs without trusting the schema. */
export interface DecodedTelemetry<T> {
  /** The normalised record, validated by the schema (canonical fields, plus your extensions). */
  value: T;
  /** The parsed JSON object exactly as sent, every field kept, for `TelemetryRecord.raw`. */
  raw: Record<string, unknown>;
  /** The serial number, read by the decoder whatever the schema keeps. */
  serialNumber: string;
  /** The reading's time, read by the decoder whatever the schema keeps; `undefined` when the message has none. */
  time: Date | undefined;
}

/**
 * What {@link decodeTelemetry} returns: every record of the message, or the one error that made
 * the whole message fail.
 */
export type TelemetryDecodeResult<T> =
  | {
      /** The message was decoded. */
      ok: true;
      /** One record per reading in the message (a message may hold an array). */
      records: DecodedTelemetry<T>[];
    }
  | {
      /** The message could not be decoded. */
      ok: false;
      /** Why, with a stable `code` and the failing field path. */
      error: TelemetryDecodeError;
    };

/**
 * Decodes one Kafka message value into telemetry records. Never throws: any failure comes back
 * as `{ ok: false, error }` with a stable code and the failing field path.
 *
 * A message may hold one object or an array of objects (one record each). It is all or nothing:
 * if one element is invalid the whole message fails, with the element index in the path, so it
 * can be dead-lettered as it arrived without the valid elements being delivered twice.
 *
 * Each object is first normalised (GoodWe's naming families folded into canonical names, values
 * cleaned, unknown keys passed through), then validated by `schema`. With the default schema the
 * normalised object is already exactly what the schema would return, so zod is skipped.
 *
 * @example
 * ```ts
 * const result = decodeTelemetry(message.value, { timeZone: 'Europe/Amsterdam' });
 * if (result.ok) {
 *   for (const { value } of result.records) console.log(value.serialNumber, value.time, value.acPower);
 * } else {
 *   console.warn(result.error.withLocation({ topic, partition, offset }).message);
 * }
 * ```
 */
export function decodeTelemetry<S extends z.ZodType = typeof inverterTelemetrySchema>(
  bytes: Uint8Array | string | null | undefined,
  options?: DecodeTelemetryOptions<S>,
): TelemetryDecodeResult<z.output<S>> {
  try {
    const resolved = resolveDecodeOptions(options);
    if (resolved instanceof TelemetryDecodeError) return { ok: false, error: resolved };
    const text = bytesToText(bytes, resolved.maxBytes);
    if (typeof text !== 'string') return { ok: false, error: text };
    const parsed = parseJsonMessage(text);
    if (parsed instanceof TelemetryDecodeError) return { ok: false, error: parsed };
    const schema = resolved.schema === inverterTelemetrySchema ? undefined : resolved.schema;
    const normalize = normalizeOptions(resolved.timeZone, schema !== undefined);
    // One object, the usual message, without the array's loop and path prefixes.
    if (!Array.isArray(parsed)) {
      const record = decodeObject<z.output<S>>(parsed as Record<string, unknown>, '', normalize, resolved, schema);
      return record instanceof TelemetryDecodeError ? { ok: false, error: record } : { ok: true, records: [record] };
    }
    const records: DecodedTelemetry<z.output<S>>[] = [];
    for (let index = 0; index < parsed.length; index++) {
      const raw = parsed[index] as Record<string, unknown>;
      const record = decodeObject<z.output<S>>(raw, `[${index}]`, normalize, resolved, schema);
      if (record instanceof TelemetryDecodeError) return { ok: false, error: record };
      records.push(record);
    }
    return { ok: true, records };
  } catch (cause) {
    // Only a user schema (a throwing transform or refinement) can get here.
    const error = new TelemetryDecodeError(ErrorCode.DecodeInvalid, `the schema threw: ${String(cause)}`, { cause });
    return { ok: false, error };
  }
}

// The options object of the last call, reused while the zone and schema kind stay the same.
let lastNormalize: NormalizeOptions = { timeZone: 'UTC', keepUnknown: false };

function normalizeOptions(timeZone: string, keepUnknown: boolean): NormalizeOptions {
  if (lastNormalize.timeZone !== timeZone || lastNormalize.keepUnknown !== keepUnknown) {
    lastNormalize = { timeZone, keepUnknown };
  }
  return lastNormalize;
}

/** Normalises and validates one object of a message; `prefix` is its path in the message. */
function decodeObject<T>(
  raw: Record<string, unknown>,
  prefix: string,
  normalize: NormalizeOptions,
  resolved: ResolvedDecodeOptions,
  schema: z.ZodType | undefined,
): DecodedTelemetry<T> | TelemetryDecodeError {
  const normalized = normalizeTelemetry(raw, normalize, resolved.referenceMs);
  if (!normalized.ok) {
    const path = prefix === '' ? normalized.path : `${prefix}.${normalized.path}`;
    return new TelemetryDecodeError(normalized.code, normalized.detail, { path });
  }
  let value: unknown = normalized.value;
  if (schema !== undefined) {
    const checked = schema.safeParse(value);
    if (!checked.success) return schemaError(checked.error, prefix);
    value = checked.data;
  }
  return { value: value as T, raw, serialNumber: normalized.serialNumber, time: normalized.time };
}

function schemaError(error: z.ZodError, prefix: string): TelemetryDecodeError {
  const issue = error.issues[0];
  const fieldPath = (issue?.path ?? []).map((part) => (typeof part === 'number' ? `[${part}]` : String(part)));
  const path = [prefix, ...fieldPath].filter((part) => part !== '').join('.');
  const detail = `the schema rejected it: ${issue?.message ?? 'no reason given'}`;
  return new TelemetryDecodeError(ErrorCode.DecodeInvalid, detail, { path, cause: error });
}
