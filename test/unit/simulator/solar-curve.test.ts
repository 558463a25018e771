import { describe, expect, it } from 'vitest';
import { isDaylight, solarFraction } from '../../../src/simulator/solar-curve.js';

const sunrise = 6 * 60;
const sunset = 19 * 60;

describe('solar curve', () => {
  it('is zero from sunset to sunrise', () => {
    for (const minute of [0, 120, sunrise, sunset, 22 * 60, 1439]) {
      expect(solarFraction(minute, sunrise, sunset)).toBe(0);
      expect(isDaylight(minute, sunrise, sunset)).toBe(false);
    }
  });

  it('rises to 1 at solar noon and is symmetric around it', () => {
    const noon = (sunrise + sunset) / 2;
    expect(solarFraction(noon, sunrise, sunset)).toBeCloseTo(1, 10);
    expect(solarFraction(noon - 90, sunrise, sunset)).toBeCloseTo(solarFraction(noon + 90, sunrise, sunset), 10);
    expect(solarFraction(noon - 180, sunrise, sunset)).toBeLessThan(solarFraction(noon - 90, sunrise, sunset));
  });
});
