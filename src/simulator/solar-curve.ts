/**
 * Share of an inverter's clear-sky peak power at a time of day: 0 outside sunrise to sunset, a bell
 * rising to 1 at solar noon in between. Latitude and season are left out on purpose: the point is a
 * realistic shape, not an ephemeris.
 *
 * @param minuteOfDay - minutes since local midnight.
 * @param sunriseMinute - minutes since local midnight when production starts.
 * @param sunsetMinute - minutes since local midnight when it ends.
 */
export function solarFraction(minuteOfDay: number, sunriseMinute: number, sunsetMinute: number): number {
  const x = (minuteOfDay - sunriseMinute) / (sunsetMinute - sunriseMinute);
  if (!(x > 0 && x < 1)) return 0;
  return Math.sin(Math.PI * x) ** 1.8;
}

/** Whether the sun is up for an inverter: its readings are published at this time by default. */
export function isDaylight(minuteOfDay: number, sunriseMinute: number, sunsetMinute: number): boolean {
  return minuteOfDay > sunriseMinute && minuteOfDay < sunsetMinute;
}
