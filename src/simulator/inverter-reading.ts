import type { InverterProfile } from './inverter-profile.js';
import type { SeededRandom } from './seeded-random.js';
import { solarFraction } from './solar-curve.js';
import type { LocalTime } from './zone-clock.js';

/** One MPPT input. */
export interface PvInput {
  voltage: number;
  current: number;
}

/** One AC phase; `null` when the inverter is offline (not available). */
export interface AcPhase {
  voltage: number | null;
  current: number | null;
  frequency: number | null;
}

/** Battery values of a hybrid. `current` is positive while charging. */
export interface BatteryReading {
  voltage: number;
  current: number;
  soc: number;
  soh: number;
  /** Simulated code: 0 idle, 1 charging, 2 discharging. */
  mode: 0 | 1 | 2;
}

/** Grid meter values. `powerW` is positive while exporting. */
export interface MeterReading {
  powerW: number;
  phasePowersW: number[];
  totalBuyKwh: number;
  totalSellKwh: number;
}

/** One reading in canonical units (W, V, A, Hz, kWh, h, °C), before it is written in a wire form. */
export interface InverterReading {
  serialNumber: string;
  timeMs: number;
  /** SEMS state: -1 offline, 0 waiting, 1 normal. */
  status: -1 | 0 | 1;
  workMode: number;
  acPowerW: number;
  pvPowerW: number;
  pv: PvInput[];
  ac: AcPhase[];
  powerFactor: number;
  energyTodayKwh: number;
  energyTotalKwh: number;
  hoursTotal: number;
  temperatureC: number;
  battery: BatteryReading | undefined;
  meter: MeterReading | undefined;
}

/** What changes between two readings of one inverter. */
export interface InverterState {
  lastTimeMs: number | undefined;
  lastAcPowerW: number;
  day: number;
  energyTodayKwh: number;
  energyTotalKwh: number;
  hoursTotal: number;
  buyKwh: number;
  sellKwh: number;
  soc: number;
  cloudiness: number;
  cloudNoise: number;
}

/** The state of an inverter before its first reading. */
export function createInverterState(profile: InverterProfile): InverterState {
  return {
    lastTimeMs: undefined,
    lastAcPowerW: 0,
    day: Number.NaN,
    energyTodayKwh: 0,
    energyTotalKwh: profile.initialEnergyTotalKwh,
    hoursTotal: profile.initialHoursTotal,
    buyKwh: profile.initialBuyKwh,
    sellKwh: profile.initialSellKwh,
    soc: 50,
    cloudiness: 1,
    cloudNoise: 0,
  };
}

const r0 = (x: number): number => Math.round(x);
const r1 = (x: number): number => Math.round(x * 10) / 10;
const r2 = (x: number): number => Math.round(x * 100) / 100;
const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

function drawCloudiness(random: SeededRandom): number {
  const sky = random.next();
  if (sky < 0.4) return random.between(0.9, 1);
  if (sky < 0.75) return random.between(0.5, 0.9);
  return random.between(0.15, 0.5);
}

/**
 * Takes the next reading of an inverter at `timeMs` and advances its state: weather, energy
 * counters (`energyToday` restarts at local midnight; lifetime counters only grow), battery charge
 * and meter counters.
 *
 * @param intervalMs - the reporting cadence; longer silences (nights) add no energy.
 */
export function nextReading(
  profile: InverterProfile,
  state: InverterState,
  timeMs: number,
  local: LocalTime,
  intervalMs: number,
  random: SeededRandom,
): InverterReading {
  const { model } = profile;
  if (local.day !== state.day) {
    state.day = local.day;
    state.energyTodayKwh = 0;
    state.cloudiness = drawCloudiness(random);
  }
  state.cloudNoise = 0.7 * state.cloudNoise + 0.3 * random.between(-1, 1);
  const sun = solarFraction(local.minuteOfDay, profile.sunriseMinute, profile.sunsetMinute);
  const weather = clamp(state.cloudiness * (1 + 0.3 * state.cloudNoise), 0.05, 1);
  const pvPowerW = r0(Math.min(profile.peakPowerW * sun * weather, model.capacityKw * 1000) / 0.97);
  const hours = state.lastTimeMs === undefined ? 0 : Math.min(timeMs - state.lastTimeMs, intervalMs) / 3_600_000;

  const loadW = profile.baseLoadW * (0.6 + 0.8 * random.next());
  let batteryW = 0;
  let battery: BatteryReading | undefined;
  if (profile.hasBattery) {
    const maxW = profile.batteryKwh * 500;
    batteryW = clamp((pvPowerW * 0.97 - loadW) * 0.7, -maxW, maxW);
    if ((batteryW > 0 && state.soc >= 100) || (batteryW < 0 && state.soc <= 10)) batteryW = 0;
    state.soc = clamp(state.soc + ((batteryW * hours) / (profile.batteryKwh * 1000)) * 100, 10, 100);
    const voltage = model.batteryVoltage * (0.95 + 0.1 * (state.soc / 100));
    battery = {
      voltage: r1(voltage),
      current: r1(batteryW / voltage),
      soc: r0(state.soc),
      soh: profile.batterySoh,
      mode: batteryW > 1 ? 1 : batteryW < -1 ? 2 : 0,
    };
  }
  const acPowerW = r0(Math.max(0, pvPowerW * 0.97 - batteryW));
  const status: -1 | 0 | 1 = acPowerW > 0 ? 1 : sun > 0 ? 0 : profile.hasBattery ? 0 : -1;

  const energyKwh = (((state.lastAcPowerW + acPowerW) / 2) * hours) / 1000;
  state.energyTodayKwh += energyKwh;
  state.energyTotalKwh += energyKwh;
  if (acPowerW > 0) state.hoursTotal += hours;
  state.lastTimeMs = timeMs;
  state.lastAcPowerW = acPowerW;

  let meter: MeterReading | undefined;
  if (profile.hasMeter) {
    const powerW = r0(acPowerW - loadW);
    if (powerW > 0) state.sellKwh += (powerW * hours) / 1000;
    else state.buyKwh += (-powerW * hours) / 1000;
    const phasePowersW = model.phases === 3 ? [powerW / 3, powerW / 3, powerW / 3].map(r0) : [powerW];
    meter = { powerW, phasePowersW, totalBuyKwh: r1(state.buyKwh), totalSellKwh: r1(state.sellKwh) };
  }

  const pv: PvInput[] = [];
  for (let i = 0; i < model.mppts; i++) {
    const share = (pvPowerW / model.mppts) * (1 + 0.04 * random.between(-1, 1));
    const voltage = sun > 0 ? model.mpptVoltage * (0.85 + 0.15 * sun ** 0.25) * (1 + 0.01 * random.next()) : 0;
    pv.push({ voltage: r1(voltage), current: voltage > 0 ? r1(share / voltage) : 0 });
  }
  const ac: AcPhase[] = [];
  for (let i = 0; i < model.phases; i++) {
    if (status === -1) {
      ac.push({ voltage: null, current: null, frequency: null });
      continue;
    }
    const voltage = 230 + random.between(-2.5, 2.5);
    ac.push({
      voltage: r1(voltage),
      current: r1(acPowerW / model.phases / voltage),
      frequency: r2(50 + random.between(-0.03, 0.03)),
    });
  }

  return {
    serialNumber: profile.serialNumber,
    timeMs,
    status,
    workMode: status === 1 ? 1 : 0,
    acPowerW,
    pvPowerW,
    pv,
    ac,
    powerFactor: status === 1 ? Math.round(random.between(0.99, 1) * 1000) / 1000 : 0,
    energyTodayKwh: r1(state.energyTodayKwh),
    energyTotalKwh: r1(state.energyTotalKwh),
    hoursTotal: r1(state.hoursTotal),
    temperatureC: r1(18 + 8 * sun + 22 * (acPowerW / (model.capacityKw * 1000)) + random.between(-0.5, 0.5)),
    battery,
    meter,
  };
}
