import { readingValue } from '../telemetry-value-schemas.js';

/** Grid-side readings, counters and temperature. Part of `inverterTelemetrySchema`. */
export const gridFields = {
  /** AC phase 1 (L1) voltage, V. */
  ac1Voltage: readingValue,
  /** AC phase 2 (L2) voltage, V. */
  ac2Voltage: readingValue,
  /** AC phase 3 (L3) voltage, V. */
  ac3Voltage: readingValue,
  /** AC phase 1 (L1) current, A. */
  ac1Current: readingValue,
  /** AC phase 2 (L2) current, A. */
  ac2Current: readingValue,
  /** AC phase 3 (L3) current, A. */
  ac3Current: readingValue,
  /** AC phase 1 (L1) grid frequency, Hz. */
  ac1Frequency: readingValue,
  /** AC phase 2 (L2) grid frequency, Hz. */
  ac2Frequency: readingValue,
  /** AC phase 3 (L3) grid frequency, Hz. */
  ac3Frequency: readingValue,
  /** Power factor, -1 to 1 (unitless; negative values are seen). */
  powerFactor: readingValue,
  /** Reactive power, var (GoodWe's unit here is unconfirmed; some views show kvar). */
  reactivePower: readingValue,
  /** Energy produced today, kWh. Resets at local midnight, sometimes late. */
  energyToday: readingValue,
  /** Energy produced over the inverter's lifetime, kWh. */
  energyTotal: readingValue,
  /** Operating hours over the inverter's lifetime, h. */
  hoursTotal: readingValue,
  /** Inverter internal temperature, °C. */
  temperature: readingValue,
};
