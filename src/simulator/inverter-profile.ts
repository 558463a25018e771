import { HYBRID_MODELS, STRING_MODELS, type InverterModel } from './inverter-models.js';
import type { ResolvedSimulationOptions } from './simulation-options.js';
import { SeededRandom } from './seeded-random.js';
import { goodweSerialNumber } from './serial-number.js';

/** One simulated inverter: what stays fixed for its whole life. */
export interface InverterProfile {
  /** Position in the fleet, from 0. */
  index: number;
  /** Serial number, as GoodWe prints it on the inverter. */
  serialNumber: string;
  /** The model this inverter is. */
  model: InverterModel;
  /** SEMS plant id (a UUID). */
  plantId: string;
  /** Registration check code: six digits, leading zeros kept. */
  checkCode: string;
  /** Peak AC power on a clear day in W (the array may be smaller than the inverter). */
  peakPowerW: number;
  /** Minutes after local midnight when production starts and ends. */
  sunriseMinute: number;
  /** Minutes after local midnight when production ends. */
  sunsetMinute: number;
  /** Offset of this inverter's readings within each interval, in whole seconds (ms). */
  phaseMs: number;
  /** Whether a battery is attached (hybrids only). */
  hasBattery: boolean;
  /** Whether a grid meter is attached. */
  hasMeter: boolean;
  /** Battery capacity in kWh (0 without a battery). */
  batteryKwh: number;
  /** Battery state of health in % (0 without a battery). */
  batterySoh: number;
  /** Average household load behind the meter, in W. */
  baseLoadW: number;
  /** Counters at the start of the simulation. */
  initialEnergyTotalKwh: number;
  /** Operating hours at the start of the simulation. */
  initialHoursTotal: number;
  /** Energy bought from the grid at the start of the simulation, in kWh. */
  initialBuyKwh: number;
  /** Energy sold to the grid at the start of the simulation, in kWh. */
  initialSellKwh: number;
}

function hex(random: SeededRandom, digits: number): string {
  let out = '';
  for (let i = 0; i < digits; i++) out += '0123456789abcdef'[random.int(16)];
  return out;
}

/**
 * Draws the fleet: models, serial numbers, array sizes, batteries, meters and lifetime counters,
 * deterministically from the seed.
 */
export function createInverterProfiles(options: ResolvedSimulationOptions): InverterProfile[] {
  const random = new SeededRandom(options.seed, 'fleet');
  const lotOffset = random.int(400);
  const profiles: InverterProfile[] = [];
  for (let index = 0; index < options.inverters; index++) {
    const hasBattery = random.chance(options.batteryShare);
    const model = random.pick(hasBattery ? HYBRID_MODELS : STRING_MODELS);
    const hasMeter = hasBattery || random.chance(options.meterShare);
    const ageYears = random.between(0.2, 8);
    const year = 2026 - Math.ceil(ageYears);
    const capacityW = model.capacityKw * 1000;
    const yearlyKwhPerKw = random.between(850, 1250);
    const initialEnergyTotalKwh = Math.round(ageYears * yearlyKwhPerKw * model.capacityKw * 10) / 10;
    const batteryKwh = hasBattery ? Math.round(model.capacityKw * random.between(1, 2)) : 0;
    const baseLoadW = Math.round(hasMeter ? random.between(250, 1200) * (model.capacityKw >= 20 ? 4 : 1) : 0);
    profiles.push({
      index,
      serialNumber: goodweSerialNumber(model, year, index, lotOffset),
      model,
      plantId: `${hex(random, 8)}-${hex(random, 4)}-4${hex(random, 3)}-8${hex(random, 3)}-${hex(random, 12)}`,
      checkCode: String(random.int(1_000_000)).padStart(6, '0'),
      peakPowerW: Math.round(capacityW * random.between(0.7, 1)),
      sunriseMinute: Math.round(6 * 60 + random.between(-30, 30)),
      sunsetMinute: Math.round(19 * 60 + random.between(-30, 30)),
      phaseMs: random.int(options.intervalMs / 1000) * 1000,
      hasBattery,
      hasMeter,
      batteryKwh,
      batterySoh: hasBattery ? Math.round(random.between(90, 100)) : 0,
      baseLoadW,
      initialEnergyTotalKwh,
      initialHoursTotal: Math.round(ageYears * random.between(3400, 4200)),
      initialBuyKwh: hasMeter ? Math.round(ageYears * random.between(800, 3000)) : 0,
      initialSellKwh: hasMeter ? Math.round(initialEnergyTotalKwh * random.between(0.3, 0.6)) : 0,
    });
  }
  return profiles;
}
