import { codeValue, readingValue } from '../telemetry-value-schemas.js';

/** Battery and grid-meter readings (hybrid inverters). Part of `inverterTelemetrySchema`. */
export const batteryMeterFields = {
  /** Battery voltage, V. */
  batteryVoltage: readingValue,
  /** Battery current, A. GoodWe has not published the sign convention. */
  batteryCurrent: readingValue,
  /** Battery state of charge, % (0 to 100). */
  batterySoc: readingValue,
  /** Battery state of health, % (0 to 100). */
  batterySoh: readingValue,
  /** Battery (BMS) work mode code, see `batteryModeLabels`. */
  batteryMode: codeValue,
  /** Grid meter active power, W. Positive probably means export (unconfirmed). */
  meterPower: readingValue,
  /** Grid meter active power on phase 1 (R), W. */
  meterPhase1Power: readingValue,
  /** Grid meter active power on phase 2 (S), W. */
  meterPhase2Power: readingValue,
  /** Grid meter active power on phase 3 (T), W. */
  meterPhase3Power: readingValue,
  /** Energy bought from the grid, lifetime meter counter, kWh. */
  meterTotalBuy: readingValue,
  /** Energy sold to the grid, lifetime meter counter, kWh. */
  meterTotalSell: readingValue,
};
