import { readingValue } from '../telemetry-value-schemas.js';

/** Power and DC-side readings: AC output, PV inputs (MPPTs) and string currents. Part of `inverterTelemetrySchema`. */
export const pvFields = {
  /** AC output power, W. */
  acPower: readingValue,
  /** Total DC input power from the PV array, W. */
  pvPower: readingValue,
  /** PV input 1 (MPPT 1) voltage, V. */
  pv1Voltage: readingValue,
  /** PV input 2 (MPPT 2) voltage, V. */
  pv2Voltage: readingValue,
  /** PV input 3 (MPPT 3) voltage, V. */
  pv3Voltage: readingValue,
  /** PV input 4 (MPPT 4) voltage, V. */
  pv4Voltage: readingValue,
  /** PV input 5 (MPPT 5) voltage, V. */
  pv5Voltage: readingValue,
  /** PV input 6 (MPPT 6) voltage, V. */
  pv6Voltage: readingValue,
  /** PV input 1 (MPPT 1) current, A. */
  pv1Current: readingValue,
  /** PV input 2 (MPPT 2) current, A. */
  pv2Current: readingValue,
  /** PV input 3 (MPPT 3) current, A. */
  pv3Current: readingValue,
  /** PV input 4 (MPPT 4) current, A. */
  pv4Current: readingValue,
  /** PV input 5 (MPPT 5) current, A. */
  pv5Current: readingValue,
  /** PV input 6 (MPPT 6) current, A. */
  pv6Current: readingValue,
  /** PV string 1 current, A. */
  string1Current: readingValue,
  /** PV string 2 current, A. */
  string2Current: readingValue,
  /** PV string 3 current, A. */
  string3Current: readingValue,
  /** PV string 4 current, A. */
  string4Current: readingValue,
  /** PV string 5 current, A. */
  string5Current: readingValue,
  /** PV string 6 current, A. */
  string6Current: readingValue,
  /** PV string 7 current, A. */
  string7Current: readingValue,
  /** PV string 8 current, A. */
  string8Current: readingValue,
  /** PV string 9 current, A. */
  string9Current: readingValue,
  /** PV string 10 current, A. */
  string10Current: readingValue,
  /** PV string 11 current, A. */
  string11Current: readingValue,
  /** PV string 12 current, A. */
  string12Current: readingValue,
  /** PV string 13 current, A. */
  string13Current: readingValue,
  /** PV string 14 current, A. */
  string14Current: readingValue,
  /** PV string 15 current, A. */
  string15Current: readingValue,
  /** PV string 16 current, A. */
  string16Current: readingValue,
};
