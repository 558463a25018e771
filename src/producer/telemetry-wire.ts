import { canonicalFieldOrder } from '../telemetry/alias-table.js';
import type { InverterTelemetry } from '../telemetry/inverter-telemetry-schema.js';
import { telemetryFields } from '../telemetry/telemetry-fields.js';

/** A reading as the producer accepts it: the canonical record, `quality` optional (it is never sent). */
export type TelemetryInput = Omit<InverterTelemetry, 'quality'> & {
  /** Ignored: the decoder's own notes on a reading, never sent. */
  quality?: string[] | undefined;
};

/** A reading in GoodWe's `invert_full` wire form: lowercase names (`sn`, `last_time`, `pac`, `eday`, ...). */
export type WireTelemetry = Record<string, string | number | null>;

/**
 * Turns a canonical reading into GoodWe's `invert_full` wire object: each field under the first
 * wire name of its entry in `telemetryFields` (`acPower` → `pac`, `energyToday` → `eday`,
 * `temperature` → `tempperature`) and the time as epoch ms in `last_time`, which is unambiguous
 * whatever zone the reader decodes in. Absent fields stay absent; `null` stays `null`.
 * `quality` is the decoder's own note and is not sent.
 *
 * @example
 * ```ts
 * toWireTelemetry({ serialNumber: '5010KETU000001', time: new Date(0), acPower: 1200 });
 * // { sn: '5010KETU000001', last_time: 0, pac: 1200 }
 * ```
 */
export function toWireTelemetry(reading: TelemetryInput): WireTelemetry {
  const wire: WireTelemetry = {};
  for (const field of canonicalFieldOrder) {
    const value = reading[field];
    if (value === undefined) continue;
    const name = telemetryFields[field].aliases[0] ?? field;
    wire[name] = value instanceof Date ? value.getTime() : value;
  }
  return wire;
}
