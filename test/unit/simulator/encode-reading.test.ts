import { describe, expect, it } from 'vitest';
import { encodeReading, formatTime } from '../../../src/simulator/encode-reading.js';
import type { InverterProfile } from '../../../src/simulator/inverter-profile.js';
import { createInverterProfiles } from '../../../src/simulator/inverter-profile.js';
import { createInverterState, nextReading } from '../../../src/simulator/inverter-reading.js';
import { DEFAULT_PAYLOAD_STYLE, type PayloadStyle } from '../../../src/simulator/payload-style.js';
import { SeededRandom } from '../../../src/simulator/seeded-random.js';
import { parseSimulationOptions } from '../../../src/simulator/simulation-options.js';
import { ZoneClock } from '../../../src/simulator/zone-clock.js';

const zone = new ZoneClock('Europe/Amsterdam');
const noon = Date.parse('2026-06-15T10:00:00Z'); // 12:00 in Amsterdam

function fleet(batteryShare: number): InverterProfile[] {
  return createInverterProfiles(parseSimulationOptions({ inverters: 40, batteryShare, meterShare: 1, seed: 3 }));
}

function payload(profile: InverterProfile, style: PayloadStyle = DEFAULT_PAYLOAD_STYLE): Record<string, unknown> {
  const random = new SeededRandom(1);
  const reading = nextReading(profile, createInverterState(profile), noon, zone.local(noon), 300_000, random);
  return JSON.parse(encodeReading(reading, profile, style, zone, random)) as Record<string, unknown>;
}

describe('encoding a reading', () => {
  it('writes the invert_full family with epoch-ms last_time and null unused channels by default', () => {
    const profile = fleet(0).find((p) => p.model.phases === 1 && p.model.mppts <= 2)!;
    const json = payload(profile);
    expect(json).toMatchObject({
      sn: profile.serialNumber,
      powerstation_id: profile.plantId,
      model_type: profile.model.name,
      last_time: noon,
      status: 1,
      vac2: null,
      iac3: null,
      fac2: null,
      warning_code: null,
      fault_messge: 0,
    });
    for (const field of ['pac', 'vpv1', 'ipv1', 'vac1', 'fac1', 'eday', 'etotal', 'hour_total', 'tempperature']) {
      expect(typeof json[field], field).toBe('number');
    }
  });

  it('adds battery and meter fields for a hybrid', () => {
    const json = payload(fleet(1)[0]!);
    for (const field of ['vbattery1', 'ibattery1', 'soc', 'soh', 'battary_work_mode', 'pmeter', 'mtActivepowerR']) {
      expect(json, field).toHaveProperty(field);
    }
    expect(json['soc']).toBeGreaterThanOrEqual(10);
    expect(json['soc']).toBeLessThanOrEqual(100);
  });

  it('writes the PascalCase family with MM/dd/yyyy local times, sentinels and numeric strings', () => {
    const profile = fleet(0).find((p) => p.model.phases === 1)!;
    const json = payload(profile, { family: 'pascal', time: 'us-date', unused: 'sentinel', numericStrings: 1 });
    expect(json).toMatchObject({
      serialNum: profile.serialNumber,
      Time: '06/15/2026 12:00:00',
      Vac2: 6553.5,
      Fac3: 655.35,
    });
    expect(json['EDay']).toEqual(expect.any(String));
    expect(Number(json['Pac'])).toBeGreaterThan(0);
    expect(json).not.toHaveProperty('eday');
  });

  it('writes the camelCase family with "--" for unused channels', () => {
    const profile = fleet(0).find((p) => p.model.phases === 1)!;
    const json = payload(profile, { family: 'camel', time: 'iso', unused: 'dash', numericStrings: 0 });
    expect(json).toMatchObject({
      inverterSn: profile.serialNumber,
      lastUpdateTime: '2026-06-15T10:00:00.000Z',
      vac2: '--',
      warning_code: '--',
    });
    expect(json).toHaveProperty('eDay');
    expect(json).toHaveProperty('hTotal');
  });

  it.each([
    ['epoch-ms', noon],
    ['epoch-s', noon / 1000],
    ['us-date', '06/15/2026 12:00:00'],
    ['us-date-spaced', '06/15/2026 12: 00: 00'],
    ['iso', '2026-06-15T10:00:00.000Z'],
    ['local-datetime', '2026-06-15 12:00:00'],
  ] as const)('writes the time as %s', (format, expected) => {
    expect(formatTime(noon, format, zone)).toBe(expected);
  });
});
