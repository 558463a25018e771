import type { CanonicalTelemetryField } from './inverter-telemetry-schema.js';
import type { TelemetryUnit } from './telemetry-units.js';

/** How the decoder reads a field's wire value. */
export type TelemetryFieldKind = 'serial' | 'time' | 'code' | 'text' | 'alarm' | 'reading';

/** What the decoder knows about one canonical field. */
export interface TelemetryFieldSpec {
  /** How the wire value is read and cleaned. */
  readonly kind: TelemetryFieldKind;
  /** The canonical unit; a display string may carry it (or a scaled form such as `kW`) as a suffix. */
  readonly unit: TelemetryUnit;
  /** Wire names seen on GoodWe's APIs. Case variants (`Vpv1`, `hourTotal`) are derived from them. */
  readonly aliases: readonly string[];
  /** Smallest physically possible value; below it the reading becomes `null` with a quality note. */
  readonly min?: number;
  /** Largest physically possible value; above it the reading becomes `null` with a quality note. */
  readonly max?: number;
}

type Range = Pick<TelemetryFieldSpec, 'min' | 'max'>;
const nonNegative: Range = { min: 0 };
const percent: Range = { min: 0, max: 100 };
const voltage: Range = { min: 0, max: 2000 };
const frequency: Range = { min: 0, max: 100 };

const field = (kind: TelemetryFieldKind, aliases: readonly string[]): TelemetryFieldSpec => ({
  kind,
  unit: '',
  aliases,
});
const reading = (unit: TelemetryUnit, aliases: readonly string[], range: Range = {}): TelemetryFieldSpec => ({
  kind: 'reading',
  unit,
  aliases,
  ...range,
});

/**
 * The field dictionary: for every canonical field, how it is read, its unit, its plausible range
 * and the wire names it is folded from. The mapped type makes the compiler prove that every field
 * of `inverterTelemetrySchema` (but `quality`) is listed.
 */
export const telemetryFields: { readonly [K in CanonicalTelemetryField]: TelemetryFieldSpec } = {
  serialNumber: field('serial', ['sn', 'SN', 'serialNum', 'serial_number', 'inverterSn', 'invertersn', 'inverter_sn']),
  time: field('time', ['last_time', 'lastUpdateTime', 'last_update_time', 'time', 'last_refresh_time', 'timestamp']),
  status: field('code', ['status']),
  workMode: field('code', ['workmode', 'WorkMode', 'work_mode']),
  model: field('text', ['model_type', 'model']),
  firmwareVersion: field('text', ['firmwareversion', 'FirmwareVersion', 'firmware_version']),
  plantId: field('text', ['powerstation_id', 'pw_id', 'powerStationId', 'plant_id']),
  warningCode: field('alarm', ['warning_code', 'WarningCode', 'warning']),
  faultCode: field('alarm', ['fault_messge', 'fault_message', 'ErrorMessage', 'fault_code']),
  acPower: reading('W', ['pac', 'out_pac', 'output_power', 'outputpower']),
  pvPower: reading('W', ['pv_power', 'ppv']),
  pv1Voltage: reading('V', ['vpv1'], voltage),
  pv2Voltage: reading('V', ['vpv2'], voltage),
  pv3Voltage: reading('V', ['vpv3'], voltage),
  pv4Voltage: reading('V', ['vpv4'], voltage),
  pv5Voltage: reading('V', ['vpv5'], voltage),
  pv6Voltage: reading('V', ['vpv6'], voltage),
  pv1Current: reading('A', ['ipv1']),
  pv2Current: reading('A', ['ipv2']),
  pv3Current: reading('A', ['ipv3']),
  pv4Current: reading('A', ['ipv4']),
  pv5Current: reading('A', ['ipv5']),
  pv6Current: reading('A', ['ipv6']),
  string1Current: reading('A', ['istr1']),
  string2Current: reading('A', ['istr2']),
  string3Current: reading('A', ['istr3']),
  string4Current: reading('A', ['istr4']),
  string5Current: reading('A', ['istr5']),
  string6Current: reading('A', ['istr6']),
  string7Current: reading('A', ['istr7']),
  string8Current: reading('A', ['istr8']),
  string9Current: reading('A', ['istr9']),
  string10Current: reading('A', ['istr10']),
  string11Current: reading('A', ['istr11']),
  string12Current: reading('A', ['istr12']),
  string13Current: reading('A', ['istr13']),
  string14Current: reading('A', ['istr14']),
  string15Current: reading('A', ['istr15']),
  string16Current: reading('A', ['istr16']),
  ac1Voltage: reading('V', ['vac1', 'vgrid1'], voltage),
  ac2Voltage: reading('V', ['vac2', 'vgrid2'], voltage),
  ac3Voltage: reading('V', ['vac3', 'vgrid3'], voltage),
  ac1Current: reading('A', ['iac1', 'igrid1']),
  ac2Current: reading('A', ['iac2', 'igrid2']),
  ac3Current: reading('A', ['iac3', 'igrid3']),
  ac1Frequency: reading('Hz', ['fac1', 'fgrid1'], frequency),
  ac2Frequency: reading('Hz', ['fac2', 'fgrid2'], frequency),
  ac3Frequency: reading('Hz', ['fac3', 'fgrid3'], frequency),
  powerFactor: reading('', ['pf', 'PF', 'power_factor'], { min: -1, max: 1 }),
  reactivePower: reading('var', ['reactive_power']),
  energyToday: reading('kWh', ['eday', 'EDay', 'e_day'], nonNegative),
  energyTotal: reading('kWh', ['etotal', 'ETotal', 'e_total'], nonNegative),
  hoursTotal: reading('h', ['hour_total', 'HTotal', 'h_total'], nonNegative),
  temperature: reading('°C', ['tempperature', 'temperature'], { min: -50, max: 150 }),
  batteryVoltage: reading('V', ['vbattery1', 'vbattery'], voltage),
  batteryCurrent: reading('A', ['ibattery1', 'ibattery']),
  batterySoc: reading('%', ['soc', 'SOC'], percent),
  batterySoh: reading('%', ['soh', 'SOH'], percent),
  batteryMode: field('code', ['battary_work_mode', 'battery_work_mode']),
  meterPower: reading('W', ['pmeter']),
  meterPhase1Power: reading('W', ['mtActivepowerR']),
  meterPhase2Power: reading('W', ['mtActivepowerS']),
  meterPhase3Power: reading('W', ['mtActivepowerT']),
  meterTotalBuy: reading('kWh', ['total_buy'], nonNegative),
  meterTotalSell: reading('kWh', ['total_sell'], nonNegative),
};
