import { z } from 'zod';
import { batteryMeterFields } from './fields/battery-meter-fields.js';
import { gridFields } from './fields/grid-fields.js';
import { identityFields } from './fields/identity-fields.js';
import { pvFields } from './fields/pv-fields.js';

/**
 * The canonical inverter telemetry record: flat, one camelCase field per reading, units fixed
 * (W, V, A, Hz, kWh, h, °C, %). It validates values *after* the decoder has folded GoodWe's
 * naming families into these names and cleaned the values, so it is strict: numbers are numbers,
 * a reading that was sent but not available is `null`, one that was not sent is absent.
 *
 * Extend it to keep more wire fields: the decoder passes every wire key that is not an alias of a
 * canonical field through to the schema unchanged, so `.extend({ capacity: ... })` picks up
 * `capacity` from the message.
 *
 * @example
 * ```ts
 * const schema = inverterTelemetrySchema.extend({ capacity: telemetryReadingSchema });
 * const result = decodeTelemetry(bytes, { schema });
 * if (result.ok) result.records[0]?.value.capacity; // number | null | undefined
 * ```
 */
export const inverterTelemetrySchema = z.object({
  ...identityFields,
  ...pvFields,
  ...gridFields,
  ...batteryMeterFields,
});

/** A decoded, validated inverter reading; see {@link inverterTelemetrySchema} for every field. */
export type InverterTelemetry = z.output<typeof inverterTelemetrySchema>;

/** The name of a canonical field that the decoder fills from the wire (every field but `quality`). */
export type CanonicalTelemetryField = Exclude<keyof InverterTelemetry, 'quality'>;
