import { describe, expect, it } from 'vitest';
import { aliasTable, buildAliasTable, wireVariants } from '../../../src/telemetry/alias-table.js';
import { inverterTelemetrySchema } from '../../../src/telemetry/inverter-telemetry-schema.js';
import { telemetryFields } from '../../../src/telemetry/telemetry-fields.js';

describe('alias table', () => {
  it('covers every canonical field of the schema but quality', () => {
    const schemaFields = Object.keys(inverterTelemetrySchema.shape).filter((key) => key !== 'quality');
    expect(Object.keys(telemetryFields).sort()).toStrictEqual(schemaFields.sort());
  });

  it('maps every canonical name to itself', () => {
    for (const key of Object.keys(telemetryFields)) expect(aliasTable[key]?.key).toBe(key);
  });

  it('derives the lowercase, PascalCase and camelCase spellings of a declared name', () => {
    expect(wireVariants('vpv1')).toStrictEqual(['vpv1', 'Vpv1']);
    expect(wireVariants('hour_total')).toStrictEqual(['hour_total', 'hourTotal', 'HourTotal']);
    expect(wireVariants('WorkMode')).toStrictEqual(['WorkMode', 'workmode', 'workMode']);
  });

  it.each([
    ['energyToday', ['eday', 'EDay', 'eDay', 'e_day', 'Eday', 'energyToday']],
    ['hoursTotal', ['hour_total', 'HTotal', 'hTotal', 'h_total', 'hourTotal', 'htotal']],
    ['temperature', ['tempperature', 'Tempperature', 'temperature', 'Temperature']],
    ['workMode', ['workmode', 'WorkMode', 'work_mode', 'workMode']],
    ['ac2Frequency', ['fac2', 'Fac2', 'fgrid2']],
    ['serialNumber', ['sn', 'SN', 'serialNum', 'inverterSn', 'invertersn']],
    ['time', ['last_time', 'lastUpdateTime', 'time', 'Time', 'last_refresh_time', 'lastRefreshTime']],
  ])('folds every spelling of %s', (field, names) => {
    for (const name of names) expect(aliasTable[name]?.key, name).toBe(field);
  });

  it('does not treat inherited object properties as aliases', () => {
    expect(aliasTable['constructor']).toBeUndefined();
    expect(aliasTable['toString']).toBeUndefined();
  });

  it('refuses a dictionary in which one spelling names two fields', () => {
    const clash = { ...telemetryFields, pvPower: { ...telemetryFields.pvPower, aliases: ['Pac'] } };
    expect(() => buildAliasTable(clash)).toThrow('Wire name Pac would map to both acPower and pvPower');
  });
});
