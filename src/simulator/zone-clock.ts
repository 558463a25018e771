import { zoneOffsetMs } from '../telemetry/zoned-time.js';

/** A moment as seen on the wall clock of a time zone. */
export interface LocalTime {
  /** Days since 1970-01-01 in the zone: changes at local midnight. */
  day: number;
  /** Minutes since local midnight, with fractions. */
  minuteOfDay: number;
  /** The wall-clock time written as if it were UTC: format it with `getUTC*`. */
  wallMs: number;
}

const quarterHour = 900_000;
const dayMs = 86_400_000;

/**
 * Converts instants to the wall-clock time of one IANA time zone. Offsets are looked up with `Intl`
 * once per quarter hour (every zone changes offset on a quarter hour) and the last one is cached,
 * because the simulator asks for nearly monotone times.
 */
export class ZoneClock {
  #bucket = Number.NaN;
  #offsetMs = 0;

  constructor(readonly timeZone: string) {}

  /** Milliseconds to add to a UTC instant to get the zone's wall-clock time. */
  offsetMs(ms: number): number {
    const bucket = Math.floor(ms / quarterHour);
    if (bucket !== this.#bucket) {
      this.#bucket = bucket;
      this.#offsetMs = zoneOffsetMs(this.timeZone, bucket * quarterHour);
    }
    return this.#offsetMs;
  }

  /** The wall-clock view of an instant. */
  local(ms: number): LocalTime {
    const wallMs = ms + this.offsetMs(ms);
    const day = Math.floor(wallMs / dayMs);
    return { day, minuteOfDay: (wallMs - day * dayMs) / 60_000, wallMs };
  }
}
