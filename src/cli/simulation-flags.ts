import type { SimulationOptions } from '../simulator/simulation-options.js';
import { stringFlag, type FlagValues } from './parse-command-args.js';
import { parseDuration, parseFactor, parseInteger, parseProbability, parseTime } from './parse-values.js';
import { UsageError } from './usage-error.js';

/** Fleet flags shared by `simulate` and `demo`. */
export const simulationFlags = {
  inverters: { type: 'string' },
  interval: { type: 'string' },
  readings: { type: 'string' },
  duration: { type: 'string' },
  start: { type: 'string' },
  seed: { type: 'string' },
  loss: { type: 'string' },
  late: { type: 'string' },
  duplicate: { type: 'string' },
  invalid: { type: 'string' },
  'speed-up': { type: 'string' },
} as const;

/** Help lines for {@link simulationFlags}; `defaults` names each flag's default for this command. */
export function simulationHelp(defaults: Record<string, string>): string {
  const d = (flag: string): string => (defaults[flag] === undefined ? '' : ` (default ${defaults[flag]})`);
  return `  --inverters N                fleet size${d('inverters')}
  --interval D                 time between two readings of an inverter, e.g. 5m${d('interval')}
  --readings N                 readings per inverter (night slots excluded), instead of --duration
  --duration D                 simulated time, e.g. 1d${d('duration')}
  --start T                    start of the simulated window (default ${defaults['start'] ?? '2026-06-15T00:00:00Z'})
  --seed S                     same seed, same messages${d('seed')}
  --loss P                     probability a reading is never published${d('loss')}
  --late P                     probability a reading is published late, out of order${d('late')}
  --duplicate P                probability a reading is published twice${d('duplicate')}
  --invalid P                  probability an undecodable message follows a reading${d('invalid')}
  --speed-up X                 simulated time per real time, e.g. 3600; max = no pacing${d('speed-up')}`;
}

const DAY_MS = 86_400_000;

/**
 * The start of a simulated window that ends by `now`, for when `--start` is not given: a fixed
 * date months ago would be deleted at once by a real cluster's retention. A `--duration` window
 * (one day by default) ends exactly now. A `--readings` window skips the nights, whose length the
 * readings do not tell, so it starts early enough for them: days are at least 12 hours of daylight
 * long (so twice readings x interval), plus a day in case the window starts at night.
 */
export function startOfWindowEndingNow(simulation: SimulationOptions, now: number): number {
  const intervalMs = simulation.intervalMs ?? 300_000;
  if (simulation.readingsPerInverter !== undefined) {
    return now - DAY_MS - 2 * simulation.readingsPerInverter * intervalMs;
  }
  return now - (simulation.durationMs ?? DAY_MS);
}

/** The simulation options and speed-up the flags ask for, over `defaults`. */
export function parseSimulationFlags(
  command: string,
  values: FlagValues,
  defaults: SimulationOptions & { speedUp?: number },
): { simulation: SimulationOptions; speedUp: number } {
  const text = (name: string): string | undefined => stringFlag(values, name);
  const simulation: SimulationOptions = { ...defaults };
  delete (simulation as { speedUp?: number }).speedUp;
  const inverters = text('inverters');
  if (inverters !== undefined) simulation.inverters = parseInteger('inverters', inverters, command, 1, 1_000_000);
  const interval = text('interval');
  if (interval !== undefined) simulation.intervalMs = parseDuration('interval', interval, command);
  const readings = text('readings');
  const duration = text('duration');
  if (readings !== undefined && duration !== undefined)
    throw new UsageError('give --readings or --duration, not both', command);
  if (readings !== undefined) {
    simulation.readingsPerInverter = parseInteger('readings', readings, command, 1);
    delete simulation.durationMs;
  }
  if (duration !== undefined) {
    simulation.durationMs = parseDuration('duration', duration, command);
    delete simulation.readingsPerInverter;
  }
  const start = text('start');
  if (start !== undefined) simulation.start = parseTime('start', start, command).getTime();
  const seed = text('seed');
  if (seed !== undefined) simulation.seed = /^-?\d+$/.test(seed) ? Number(seed) : seed;
  for (const name of ['loss', 'late', 'duplicate', 'invalid'] as const) {
    const value = text(name);
    if (value !== undefined) simulation[name] = parseProbability(name, value, command);
  }
  const speedUpText = text('speed-up');
  const speedUp = speedUpText === undefined ? (defaults.speedUp ?? 0) : parseFactor('speed-up', speedUpText, command);
  // publishSimulation takes 0 for "no pacing" (its schema refuses an explicit Infinity).
  return { simulation, speedUp: Number.isFinite(speedUp) ? speedUp : 0 };
}
