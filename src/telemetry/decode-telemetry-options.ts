import type { z } from 'zod';
import { ErrorCode } from '../errors/error-codes.js';
import { TelemetryDecodeError } from '../errors/telemetry-decode-error.js';
import { inverterTelemetrySchema } from './inverter-telemetry-schema.js';
import { isKnownTimeZone } from './zoned-time.js';

/** The default {@link DecodeTelemetryOptions.maxBytes}: 1 MiB, far above a realistic GoodWe message. */
export const DEFAULT_MAX_TELEMETRY_BYTES = 1024 * 1024;

/** Options of `decodeTelemetry`. */
export interface DecodeTelemetryOptions<S extends z.ZodType = typeof inverterTelemetrySchema> {
  /**
   * The schema that validates each normalised object: `inverterTelemetrySchema`, an extension of
   * it, or your own. It receives the canonical fields plus every wire key that is not an alias.
   * @default inverterTelemetrySchema
   */
  schema?: S;
  /**
   * IANA zone in which time strings without an offset (`11/20/2026 10:05:00`) are read. GoodWe
   * mixes plant-local time and China Standard Time in such strings, so no default is right for
   * everyone; epoch times, preferred when present, don't depend on it.
   * @default 'UTC'
   */
  timeZone?: string;
  /**
   * When the message was produced: pass the Kafka record timestamp (a `Date` or epoch
   * milliseconds). A time string without an offset that falls in the hour repeated when clocks go
   * back (02:00–03:00 twice in Europe/Berlin on the last Sunday of October) is read as the
   * occurrence closest to it, so the second hour's readings get their own, right `time`. Without
   * it such a time takes the earlier occurrence. Times with an offset or epochs don't depend on it.
   * @default undefined (the earlier occurrence)
   */
  referenceTime?: Date | number | undefined;
  /**
   * Messages larger than this many bytes (UTF-8) fail with `GWK_DECODE_TOO_LARGE` before parsing.
   * @default 1048576 (1 MiB)
   */
  maxBytes?: number;
}

/** Options with defaults applied. */
export interface ResolvedDecodeOptions {
  schema: z.ZodType;
  timeZone: string;
  maxBytes: number;
  /** `referenceTime` in epoch milliseconds. */
  referenceMs: number | undefined;
}

const defaults: ResolvedDecodeOptions = {
  schema: inverterTelemetrySchema,
  timeZone: 'UTC',
  maxBytes: DEFAULT_MAX_TELEMETRY_BYTES,
  referenceMs: undefined,
};

function optionError(name: string, detail: string): TelemetryDecodeError {
  return new TelemetryDecodeError(ErrorCode.Config, detail, { path: `options.${name}` });
}

/**
 * Applies defaults and checks the options. Runs on every call, so it is kept to a few
 * comparisons; the zone check is cached per zone name.
 */
export function resolveDecodeOptions(
  options: DecodeTelemetryOptions<z.ZodType> | undefined,
): ResolvedDecodeOptions | TelemetryDecodeError {
  if (options === undefined) return defaults;
  const {
    schema = defaults.schema,
    timeZone = defaults.timeZone,
    maxBytes = defaults.maxBytes,
    referenceTime,
  } = options;
  if (typeof timeZone !== 'string' || !isKnownTimeZone(timeZone)) {
    return optionError('timeZone', `${String(timeZone)} is not an IANA time zone (e.g. 'Europe/Amsterdam', 'UTC')`);
  }
  if (typeof maxBytes !== 'number' || !Number.isInteger(maxBytes) || maxBytes <= 0) {
    return optionError('maxBytes', `${String(maxBytes)} is not a positive whole number of bytes`);
  }
  if (typeof schema?.safeParse !== 'function') return optionError('schema', 'it is not a zod schema');
  const referenceMs = referenceTime instanceof Date ? referenceTime.getTime() : referenceTime;
  if (referenceMs !== undefined && (typeof referenceMs !== 'number' || !Number.isFinite(referenceMs))) {
    return optionError('referenceTime', `${String(referenceTime)} is not a valid Date or epoch milliseconds`);
  }
  return { schema, timeZone, maxBytes, referenceMs };
}
