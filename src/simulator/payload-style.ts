import type { SeededRandom } from './seeded-random.js';

/** The naming families GoodWe's APIs use for the same quantities. */
export const PAYLOAD_FAMILIES = ['invert_full', 'pascal', 'camel'] as const;
/** One of {@link PAYLOAD_FAMILIES}: `invert_full` lowercase (`eday`), PascalCase (`EDay`), camelCase (`eDay`). */
export type PayloadFamily = (typeof PAYLOAD_FAMILIES)[number];

/** How a reading's time is written. */
export const TIME_FORMATS = ['epoch-ms', 'epoch-s', 'us-date', 'us-date-spaced', 'iso', 'local-datetime'] as const;
/**
 * One of {@link TIME_FORMATS}: epoch ms, epoch s, `MM/dd/yyyy HH:mm:ss`, `MM/dd/yyyy HH: mm: ss`,
 * ISO-8601 in UTC, or `yyyy-MM-dd HH:mm:ss`. Strings without an offset are in the simulation's zone.
 */
export type TimeFormat = (typeof TIME_FORMATS)[number];

/** How an unused channel (a missing MPPT or phase, an offline inverter) is written. */
export type UnusedForm = 'null' | 'sentinel' | 'dash';

/** The wire form of one payload. */
export interface PayloadStyle {
  family: PayloadFamily;
  time: TimeFormat;
  unused: UnusedForm;
  /** Probability that each number is written as a numeric string. */
  numericStrings: number;
}

/** The default wire form: `invert_full` names, epoch-ms `last_time`, JSON numbers and `null`. */
export const DEFAULT_PAYLOAD_STYLE: PayloadStyle = Object.freeze({
  family: 'invert_full',
  time: 'epoch-ms',
  unused: 'null',
  numericStrings: 0,
});

const timeFormatsOf: Record<PayloadFamily, readonly TimeFormat[]> = {
  invert_full: ['epoch-ms', 'epoch-s'],
  pascal: ['us-date', 'us-date-spaced'],
  camel: ['epoch-ms', 'iso', 'local-datetime'],
};

/**
 * Picks the wire form of one payload: the default one, or with probability `aliasVariety` one of
 * GoodWe's other forms (another family, time strings, sentinels, `"--"`, numeric strings).
 */
export function choosePayloadStyle(aliasVariety: number, random: SeededRandom): PayloadStyle {
  if (!random.chance(aliasVariety)) return DEFAULT_PAYLOAD_STYLE;
  const roll = random.next();
  const family: PayloadFamily = roll < 0.4 ? 'pascal' : roll < 0.8 ? 'camel' : 'invert_full';
  return {
    family,
    time: random.pick(timeFormatsOf[family]),
    unused: random.pick(['null', 'sentinel', 'sentinel', 'dash'] as const),
    numericStrings: random.pick([0, 0.3, 1]),
  };
}
