import { z } from 'zod';
import { ConfigError } from '../errors/config-error.js';

const probability = z
  .number({ error: 'expected a probability between 0 and 1' })
  .min(0, 'expected a probability between 0 and 1')
  .max(1, 'expected a probability between 0 and 1');

const share = probability;

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

function toEpochMs(value: Date | number | string): number {
  return value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
}

const day = 86_400_000;

/**
 * Options of {@link simulateFleet}: one schema gives validation, defaults and both types.
 * Every field is optional; the defaults simulate one day of a ten-inverter fleet with no faults.
 */
export const simulationOptionsSchema = z
  .object({
    /**
     * Number of inverters in the fleet.
     * @default 10
     */
    inverters: z.number().int().min(1).max(1_000_000).default(10),
    /**
     * Time between two readings of one inverter, in whole seconds (ms). GoodWe uploads every 2.5 to 5 minutes.
     * At most an hour, so that every inverter reports on every day.
     * @default 300_000 (5 minutes)
     */
    intervalMs: z
      .number()
      .int()
      .min(1000)
      .max(3_600_000)
      .refine((ms) => ms % 1000 === 0, 'expected whole seconds (a multiple of 1000)')
      .default(300_000),
    /**
     * Start of the simulated window: a `Date`, epoch ms or an ISO-8601 string. Rounded down to a whole
     * second, so that every time format the simulator writes round-trips exactly.
     * @default '2026-06-15T00:00:00Z'
     */
    start: z
      .union([z.date(), z.number(), z.string()])
      .default('2026-06-15T00:00:00Z')
      .transform((value, ctx) => {
        const ms = toEpochMs(value);
        if (!Number.isFinite(ms)) {
          ctx.addIssue({ code: 'custom', message: `expected a date, epoch ms or ISO-8601 time, got ${String(value)}` });
          return z.NEVER;
        }
        return Math.floor(ms / 1000) * 1000;
      }),
    /**
     * Readings each inverter takes (lost ones included). Night slots without a reading do not count.
     * Give this or `durationMs`, not both.
     * @default undefined (the window is `durationMs` long)
     */
    readingsPerInverter: z.number().int().min(1).max(10_000_000).optional(),
    /**
     * Length of the simulated window in ms. Give this or `readingsPerInverter`, not both.
     * @default 86_400_000 (one day) when `readingsPerInverter` is not given
     */
    durationMs: z.number().int().min(1).optional(),
    /**
     * Seed of every random choice: the same options and seed give the same messages, byte for byte.
     * @default 1
     */
    seed: z.union([z.number().int(), z.string()]).default(1),
    /**
     * IANA time zone of the fleet: drives the day curve, the midnight reset of `energyToday` and the
     * time strings without an offset (`MM/dd/yyyy HH:mm:ss`, `yyyy-MM-dd HH:mm:ss`).
     * @default 'UTC'
     */
    timeZone: z
      .string()
      .refine(isTimeZone, {
        error: (issue) => `expected an IANA time zone such as Europe/Amsterdam, got ${String(issue.input)}`,
      })
      .default('UTC'),
    /**
     * Whether inverters keep reporting at night (PV-only ones offline, hybrids running on battery).
     * GoodWe inverters usually go silent from sunset to sunrise.
     * @default false
     */
    reportAtNight: z.boolean().default(false),
    /**
     * Probability that a reading is never published. Every lost reading is listed in the report.
     * @default 0
     */
    loss: probability.default(0),
    /**
     * Probability that a reading is published late, out of order, by up to `lateMaxMs`.
     * @default 0
     */
    late: probability.default(0),
    /**
     * Longest delay of a late reading, in ms.
     * @default 900_000 (15 minutes)
     */
    lateMaxMs: z
      .number()
      .int()
      .min(1000)
      .max(7 * day)
      .default(900_000),
    /**
     * Probability that a reading is published twice.
     * @default 0
     */
    duplicate: probability.default(0),
    /**
     * Probability that an undecodable or invalid message (not JSON, truncated, invalid UTF-8, a JSON
     * scalar, no serial number, empty) is published after a reading. It never replaces the reading.
     * @default 0
     */
    invalid: probability.default(0),
    /**
     * Probability that a reading uses GoodWe's other wire forms: PascalCase or camelCase names,
     * numeric strings, `"--"`, `6553.5` sentinels for unused channels, time strings, epoch seconds.
     * Otherwise the `invert_full` lowercase family with epoch-ms `last_time` is used.
     * @default 0
     */
    aliasVariety: probability.default(0),
    /**
     * Share of the fleet that are hybrid inverters with a battery.
     * @default 0.3
     */
    batteryShare: share.default(0.3),
    /**
     * Share of the fleet with a grid meter (all hybrids have one).
     * @default 0.5
     */
    meterShare: share.default(0.5),
  })
  .strict()
  .superRefine((options, ctx) => {
    if (options.readingsPerInverter !== undefined && options.durationMs !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['durationMs'],
        message: 'give readingsPerInverter or durationMs, not both',
      });
    }
  })
  .transform(({ durationMs, readingsPerInverter, ...rest }) => ({
    ...rest,
    /** Readings per inverter, or `undefined` when the window is bounded by `durationMs`. */
    readingsPerInverter,
    /** Length of the simulated window in ms, or `undefined` when it is bounded by `readingsPerInverter`. */
    durationMs: readingsPerInverter === undefined ? (durationMs ?? day) : undefined,
  }));

/** Options of {@link simulateFleet} as the caller writes them. */
export type SimulationOptions = z.input<typeof simulationOptionsSchema>;

/** Options of {@link simulateFleet} after validation and defaults. */
export type ResolvedSimulationOptions = z.output<typeof simulationOptionsSchema>;

/**
 * Validates simulation options and applies the defaults.
 *
 * @throws {@link index!ConfigError} naming every invalid option and what a valid value looks like.
 */
export function parseSimulationOptions(options: SimulationOptions = {}): ResolvedSimulationOptions {
  const result = simulationOptionsSchema.safeParse(options);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const path = issue.path.length > 0 ? issue.path.join('.') : 'options';
    return `${path}: ${issue.message}`;
  });
  throw new ConfigError(`Invalid simulation options: ${problems.join('; ')}`, { cause: result.error });
}
