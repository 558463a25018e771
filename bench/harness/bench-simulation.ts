import type { SimulationOptions } from '../../src/simulator/simulation-options.js';

/** Readings per inverter: the fleet size follows from the record count. */
export const READINGS_PER_INVERTER = 100;

/**
 * The simulation behind `records` records: `records / 100` inverters reporting every 5 minutes
 * from 06:00 UTC, day and night (`reportAtNight`, so the count is exact), a quarter of the readings
 * in GoodWe's other wire forms (PascalCase or camelCase names, numeric strings, time strings), no
 * loss, duplicates or invalid messages. `records` must be a multiple of 100.
 */
export function benchSimulation(records: number): SimulationOptions {
  if (!Number.isInteger(records) || records <= 0 || records % READINGS_PER_INVERTER !== 0) {
    throw new Error(`The record count must be a positive multiple of ${READINGS_PER_INVERTER}, got ${records}.`);
  }
  return {
    inverters: records / READINGS_PER_INVERTER,
    readingsPerInverter: READINGS_PER_INVERTER,
    reportAtNight: true,
    start: '2026-06-15T06:00:00Z',
    aliasVariety: 0.25,
    seed: 20_261_122,
  };
}
