import { describe, expect, it } from 'vitest';
import { checkTelemetryInput } from '../../../src/producer/check-telemetry-input.js';
import { toWireTelemetry, type TelemetryInput } from '../../../src/producer/telemetry-wire.js';
import { decodeTelemetry } from '../../../src/telemetry/decode-telemetry.js';
import { ErrorCode } from '../../../src/errors/error-codes.js';

const reading: TelemetryInput = {
  serialNumber: '5010KETU000001',
  time: new Date('2026-06-15T08:05:00Z'),
  status: 1,
  workMode: 1,
  model: 'GW5000-DNS-30',
  firmwareVersion: '1717',
  plantId: 'a1b2c3',
  warningCode: null,
  faultCode: 'Utility Loss',
  acPower: 3120,
  pvPower: 3300,
  pv1Voltage: 380.2,
  pv1Current: 4.3,
  string3Current: 2.1,
  ac1Voltage: 231.4,
  ac1Current: 13.5,
  ac1Frequency: 50.01,
  powerFactor: -0.99,
  energyToday: 11.4,
  energyTotal: 12345.6,
  hoursTotal: 4321,
  temperature: 41.2,
  batterySoc: 87,
  batteryMode: 2,
  meterPhase2Power: -120,
  meterTotalSell: 999.9,
  pv2Voltage: null,
};

describe('telemetry wire form', () => {
  it("writes GoodWe's lowercase invert_full names with the time as epoch ms", () => {
    const wire = toWireTelemetry(reading);
    expect(wire).toMatchObject({
      sn: '5010KETU000001',
      last_time: Date.parse('2026-06-15T08:05:00Z'),
      pac: 3120,
      vpv1: 380.2,
      eday: 11.4,
      hour_total: 4321,
      tempperature: 41.2,
      fault_messge: 'Utility Loss',
      vpv2: null,
    });
    expect(wire).not.toHaveProperty('quality');
    expect(wire).not.toHaveProperty('acPower');
  });

  it('decodes back to exactly the reading it was made from', () => {
    const result = decodeTelemetry(JSON.stringify(toWireTelemetry(reading)));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.records[0]?.value).toEqual({ ...reading, quality: [] });
  });

  it('leaves out fields that are absent', () => {
    expect(toWireTelemetry({ serialNumber: 'SN1' })).toEqual({ sn: 'SN1' });
  });
});

describe('producer validation', () => {
  it('accepts a valid reading and returns its wire object', () => {
    expect(checkTelemetryInput(reading)).toEqual(toWireTelemetry(reading));
  });

  it.each([
    ['a missing serial number', { acPower: 1 }, 'serialNumber'],
    ['a string where a number belongs', { serialNumber: 'SN', acPower: '12' }, 'acPower'],
    ['a misspelt field', { serialNumber: 'SN', acpower: 12 }, ''],
    ['a non-integer status code', { serialNumber: 'SN', status: 1.5 }, 'status'],
  ])('refuses %s, naming the field', (_, input, path) => {
    const error = checkTelemetryInput(input);
    expect(error).toBeInstanceOf(Error);
    expect((error as { code: string }).code).toBe(ErrorCode.DecodeInvalid);
    expect((error as { path: string }).path).toBe(path);
  });

  it.each([
    ['the not-available sentinel', { serialNumber: 'SN', ac1Voltage: 6553.5 }, 'ac1Voltage'],
    ['an impossible temperature', { serialNumber: 'SN', temperature: 900 }, 'temperature'],
    ['text with surrounding spaces', { serialNumber: 'SN', model: ' GW5000 ' }, 'model'],
    ['a numeric string alarm', { serialNumber: 'SN', warningCode: '12' }, 'warningCode'],
  ])('refuses %s, which consumers would read back differently', (_, input, path) => {
    const error = checkTelemetryInput(input);
    expect(error).toBeInstanceOf(Error);
    expect((error as { path: string }).path).toBe(path);
    expect((error as Error).message).toMatch(/would be read back as/);
  });

  it('names the index of the failing reading in a batch', () => {
    const error = checkTelemetryInput({ serialNumber: 'SN', temperature: 900 }, 3);
    expect((error as { path: string }).path).toBe('[3].temperature');
  });
});
