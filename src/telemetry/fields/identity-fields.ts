import { z } from 'zod';
import { alarmValue, codeValue, textValue } from '../telemetry-value-schemas.js';

/** Who sent the reading, when, and in what state. Part of `inverterTelemetrySchema`. */
export const identityFields = {
  /** Inverter serial number, usually 16 characters of `[0-9A-Z]`. The only required field. */
  serialNumber: z.string().min(1),
  /** When the inverter took the reading (not when Kafka received it). Absent when the message has no usable time. */
  time: z.date().optional(),
  /** SEMS state code: -1 offline, 0 waiting, 1 normal, 2 fault; an open set, see `inverterStatusLabels`. */
  status: codeValue,
  /** Inverter work mode code; its meaning depends on the model, see `workModeLabels`. */
  workMode: codeValue,
  /** Model name, e.g. `GW5000-DNS-30`. */
  model: textValue,
  /** Firmware version as sent (GoodWe encodes it as a number, e.g. `1717`). */
  firmwareVersion: textValue,
  /** SEMS plant (power station) id, usually a UUID. */
  plantId: textValue,
  /** Warning code: a number (bitmask) or a message; `null` when none was given. */
  warningCode: alarmValue,
  /** Fault code: a number (bitmask, 0 means no fault) or a message such as `Utility Loss`. */
  faultCode: alarmValue,
  /** Notes on values the decoder cleaned, e.g. `ac1Voltage: 6553.5 is the not-available sentinel`. Empty when nothing was cleaned. */
  quality: z.array(z.string()),
};
