/** A GoodWe inverter model as the simulator uses it. */
export interface InverterModel {
  /** Model name as GoodWe writes it in `model_type`. */
  name: string;
  /** Three letters of the model series in the serial number (`DNS`, `ETU`, ...). */
  series: string;
  /** Rated AC power in kW. */
  capacityKw: number;
  /** AC phases: 1 or 3. */
  phases: 1 | 3;
  /** Number of MPPT inputs. */
  mppts: 1 | 2 | 3 | 4;
  /** Typical MPPT voltage at full sun, in V. */
  mpptVoltage: number;
  /** Whether the model is a hybrid that drives a battery. */
  hybrid: boolean;
  /** Nominal battery voltage in V (hybrids only; 0 otherwise). */
  batteryVoltage: number;
  /** Firmware version number as reported (encoded, like GoodWe's). */
  firmware: number;
}

/**
 * Models the simulated fleet is drawn from: GoodWe's residential and commercial series, string
 * inverters and hybrids, one and three phases, one to four MPPTs.
 */
export const INVERTER_MODELS: readonly InverterModel[] = [
  {
    name: 'GW3600-XS',
    series: 'XSU',
    capacityKw: 3.6,
    phases: 1,
    mppts: 1,
    mpptVoltage: 330,
    hybrid: false,
    batteryVoltage: 0,
    firmware: 1016,
  },
  {
    name: 'GW5000-DNS',
    series: 'DNS',
    capacityKw: 5,
    phases: 1,
    mppts: 2,
    mpptVoltage: 370,
    hybrid: false,
    batteryVoltage: 0,
    firmware: 1717,
  },
  {
    name: 'GW6000-DNS',
    series: 'DNS',
    capacityKw: 6,
    phases: 1,
    mppts: 2,
    mpptVoltage: 380,
    hybrid: false,
    batteryVoltage: 0,
    firmware: 1717,
  },
  {
    name: 'GW5048-ES',
    series: 'ESU',
    capacityKw: 5,
    phases: 1,
    mppts: 2,
    mpptVoltage: 360,
    hybrid: true,
    batteryVoltage: 51.2,
    firmware: 2024,
  },
  {
    name: 'GW6000-EH',
    series: 'EHU',
    capacityKw: 6,
    phases: 1,
    mppts: 2,
    mpptVoltage: 390,
    hybrid: true,
    batteryVoltage: 400,
    firmware: 2117,
  },
  {
    name: 'GW10K-ET',
    series: 'ETU',
    capacityKw: 10,
    phases: 3,
    mppts: 2,
    mpptVoltage: 510,
    hybrid: true,
    batteryVoltage: 400,
    firmware: 1813,
  },
  {
    name: 'GW8K-DT',
    series: 'DTU',
    capacityKw: 8,
    phases: 3,
    mppts: 2,
    mpptVoltage: 560,
    hybrid: false,
    batteryVoltage: 0,
    firmware: 1521,
  },
  {
    name: 'GW20K-SDT',
    series: 'SDT',
    capacityKw: 20,
    phases: 3,
    mppts: 2,
    mpptVoltage: 600,
    hybrid: false,
    batteryVoltage: 0,
    firmware: 1902,
  },
  {
    name: 'GW30K-MT',
    series: 'MTU',
    capacityKw: 30,
    phases: 3,
    mppts: 3,
    mpptVoltage: 620,
    hybrid: false,
    batteryVoltage: 0,
    firmware: 2210,
  },
  {
    name: 'GW50K-MT',
    series: 'MTU',
    capacityKw: 50,
    phases: 3,
    mppts: 4,
    mpptVoltage: 640,
    hybrid: false,
    batteryVoltage: 0,
    firmware: 2210,
  },
];

/** The models with a battery, drawn for the `batteryShare` of the fleet. */
export const HYBRID_MODELS: readonly InverterModel[] = INVERTER_MODELS.filter((m) => m.hybrid);

/** The models without a battery. */
export const STRING_MODELS: readonly InverterModel[] = INVERTER_MODELS.filter((m) => !m.hybrid);
