import { z } from 'zod';
import { INVALID, parseNumber } from './parse-number.js';

const SENTINELS: ReadonlySet<unknown> = new Set([6553.5, 655.35]);

function clean(value: unknown): unknown {
  if (value === undefined) return undefined;
  const number = parseNumber(value);
  // Hand an unreadable value on unchanged so that zod reports it with its usual message.
  if (number === INVALID) return value;
  return SENTINELS.has(number) ? null : number;
}

/**
 * A zod schema for extra readings you add with `inverterTelemetrySchema.extend(...)`. Extra wire
 * fields reach your schema as sent, so this cleans them the way the decoder cleans canonical
 * readings: numbers and numeric strings become numbers; `null`, `""`, `"--"` and the sentinels
 * `6553.5` / `655.35` become `null`; an absent field stays absent. Unit suffixes are not accepted
 * (the decoder can't know the unit of a field it does not know).
 *
 * @example
 * ```ts
 * const schema = inverterTelemetrySchema.extend({ capacity: telemetryReadingSchema, emonth: telemetryReadingSchema });
 * ```
 */
export const telemetryReadingSchema = z.preprocess(clean, z.number().nullable()).optional();
