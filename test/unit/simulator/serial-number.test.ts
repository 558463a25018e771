import { describe, expect, it } from 'vitest';
import { INVERTER_MODELS } from '../../../src/simulator/inverter-models.js';
import { goodweSerialNumber } from '../../../src/simulator/serial-number.js';

const model = (name: string) => INVERTER_MODELS.find((m) => m.name === name)!;

describe('GoodWe serial numbers', () => {
  it('writes rating, series, year, lot and sequence in 16 characters', () => {
    expect(goodweSerialNumber(model('GW10K-ET'), 2021, 0)).toBe('5010KETU21AA0001');
    expect(goodweSerialNumber(model('GW5000-DNS'), 2023, 41)).toBe('55000DNS23AA0042');
    expect(goodweSerialNumber(model('GW3600-XS'), 2024, 9_999)).toBe('53600XSU24AB0001');
  });

  it('matches the 16-character upper-case pattern for every model', () => {
    for (const m of INVERTER_MODELS) expect(goodweSerialNumber(m, 2020, 123_456, 17)).toMatch(/^[0-9A-Z]{16}$/);
  });

  it('never repeats a serial number within a fleet', () => {
    const serials = new Set<string>();
    for (let i = 0; i < 200_000; i += 1) serials.add(goodweSerialNumber(model('GW8K-DT'), 2022, i, 5));
    expect(serials.size).toBe(200_000);
  });
});
