import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { isGoodweKafkaError } from '../../../src/errors/goodwe-kafka-error.js';
import { TelemetryDecodeError } from '../../../src/errors/telemetry-decode-error.js';
import { decodeTelemetry } from '../../../src/telemetry/decode-telemetry.js';
import { decodeOne } from './decode-helpers.js';
import {
  hybridMidday,
  hybridMiddayRecord,
  offlineEvening,
  offlineEveningRecord,
  stringInverterMorning,
  stringInverterMorningRecord,
} from './fixtures/goodwe-samples.js';

const SN = '5500DNSX000A0001';

describe('decodeTelemetry', () => {
  describe('the synthesized GoodWe samples', () => {
    it.each([
      ['8.1 string inverter, morning', stringInverterMorning, stringInverterMorningRecord],
      ['8.2 hybrid with battery and meter', hybridMidday, hybridMiddayRecord],
      ['8.3 offline evening with sentinels and junk SoC', offlineEvening, offlineEveningRecord],
    ])('decodes sample %s to the canonical record', (_, message, expected) => {
      const record = decodeOne(Buffer.from(message));
      expect(record.value).toStrictEqual(expected);
      expect(record.serialNumber).toBe(expected.serialNumber);
      expect(record.time).toStrictEqual(expected.time);
    });

    it('keeps every wire field, known or not, in raw', () => {
      const record = decodeOne(hybridMidday);
      expect(record.raw).toStrictEqual(JSON.parse(hybridMidday));
      expect(record.raw).toMatchObject({ capacity: 10, hasmeter: true, safetyConutry: 2, bms_warning: 0 });
      expect(record.value).not.toHaveProperty('capacity');
    });
  });

  describe('naming families', () => {
    const expected = {
      serialNumber: SN,
      time: new Date('2026-11-20T10:05:00.000Z'),
      workMode: 1,
      acPower: 4265,
      pv1Voltage: 372.4,
      pv1Current: 6.1,
      ac1Voltage: 236.8,
      ac1Frequency: 50.01,
      energyToday: 9.8,
      energyTotal: 12873.4,
      hoursTotal: 6842,
      temperature: 41.3,
      quality: [],
    };
    it.each([
      [
        'invert_full lowercase',
        { sn: SN, last_time: 1795169100000, workmode: 1, pac: 4265, vpv1: 372.4, ipv1: 6.1, vac1: 236.8 },
        { fac1: 50.01, eday: 9.8, etotal: 12873.4, hour_total: 6842, tempperature: 41.3 },
      ],
      [
        'PascalCase',
        { SN, Time: '2026-11-20T10:05:00Z', WorkMode: 1, Pac: 4265, Vpv1: 372.4, Ipv1: 6.1, Vac1: 236.8 },
        { Fac1: 50.01, EDay: 9.8, ETotal: 12873.4, HTotal: 6842, Tempperature: 41.3 },
      ],
      [
        'camelCase',
        { serialNum: SN, lastUpdateTime: 1795169100000, workMode: 1, pac: 4265, vpv1: 372.4, ipv1: 6.1 },
        { vac1: 236.8, fac1: 50.01, eDay: 9.8, eTotal: 12873.4, hTotal: 6842, temperature: 41.3 },
      ],
      [
        'snake_case and local-protocol names',
        { inverter_sn: SN, time: 1795169100, work_mode: 1, out_pac: 4265, vpv1: 372.4, ipv1: 6.1 },
        { vgrid1: 236.8, fgrid1: 50.01, e_day: 9.8, e_total: 12873.4, h_total: 6842, Temperature: 41.3 },
      ],
      [
        'canonical names',
        { serialNumber: SN, time: '2026-11-20T10:05:00.000Z', workMode: 1, acPower: 4265, pv1Voltage: 372.4 },
        { pv1Current: 6.1, ac1Voltage: 236.8, ac1Frequency: 50.01, energyToday: 9.8, energyTotal: 12873.4 },
        { hoursTotal: 6842, temperature: 41.3 },
      ],
    ])('maps the %s family to the canonical fields', (_, ...parts) => {
      expect(decodeOne(Object.assign({}, ...parts)).value).toStrictEqual(expected);
    });

    it('maps the battery, meter and alarm aliases', () => {
      const record = decodeOne({
        sn: SN,
        vbattery1: 402.6,
        ibattery1: -5.2,
        SOC: '78%',
        soh: '100%',
        battary_work_mode: 3,
        pmeter: -2150,
        mtActivepowerR: 720,
        mtActivepowerS: 715,
        mtActivepowerT: 715,
        total_buy: 1043.2,
        total_sell: 5521.9,
        WarningCode: 0,
        ErrorMessage: 'Utility Loss',
        reactive_power: 12,
        PF: -0.98,
        pv_power: 5120,
        istr1: 4.5,
        istr16: 4.4,
        model_type: 'GW10K-ET',
        FirmwareVersion: '04.15',
        pw_id: 'plant-1',
      });
      expect(record.value).toStrictEqual({
        serialNumber: SN,
        model: 'GW10K-ET',
        firmwareVersion: '04.15',
        plantId: 'plant-1',
        warningCode: 0,
        faultCode: 'Utility Loss',
        pvPower: 5120,
        string1Current: 4.5,
        string16Current: 4.4,
        powerFactor: -0.98,
        reactivePower: 12,
        batteryVoltage: 402.6,
        batteryCurrent: -5.2,
        batterySoc: 78,
        batterySoh: 100,
        batteryMode: 3,
        meterPower: -2150,
        meterPhase1Power: 720,
        meterPhase2Power: 715,
        meterPhase3Power: 715,
        meterTotalBuy: 1043.2,
        meterTotalSell: 5521.9,
        quality: [],
      });
    });

    it('takes the first alias that carries a value when several name one field', () => {
      expect(decodeOne({ sn: SN, pac: null, Pac: 100, out_pac: 200 }).value.acPower).toBe(100);
      expect(decodeOne({ sn: SN, pac: 100, Pac: null }).value.acPower).toBe(100);
      expect(decodeOne({ sn: '', SN }).value.serialNumber).toBe(SN);
    });

    it('leaves out canonical fields the message does not mention', () => {
      expect(decodeOne({ sn: SN }).value).toStrictEqual({ serialNumber: SN, quality: [] });
    });
  });

  describe('value forms', () => {
    it.each([
      ['a JSON number', 38.2, 38.2],
      ['a numeric string', '38.2', 38.2],
      ['a numeric string with spaces', ' 38.2 ', 38.2],
      ['an integer string', '38', 38],
      ['an exponent', '3.82e1', 38.2],
      ['a string with its unit', '38.2kWh', 38.2],
      ['a string with a scaled unit', '38200Wh', 38.2],
      ['null', null, null],
      ['an empty string', '', null],
      ['a dash placeholder', '--', null],
    ])('reads %s as %s', (_, wire, expected) => {
      const record = decodeOne({ sn: SN, eday: wire });
      expect(record.value.energyToday).toBe(expected);
      expect(record.value.quality).toStrictEqual([]);
    });

    it.each([
      ['"0W" in a power field', { output_power: '0W' }, { acPower: 0 }],
      ['"3.2kW" in a power field', { pac: '3.2kW' }, { acPower: 3200 }],
      ['"536%" in a percentage field', { soc: '53.6%' }, { batterySoc: 53.6 }],
      ['"41.3℃" in a temperature field', { tempperature: '41.3℃' }, { temperature: 41.3 }],
      ['"50.01Hz" in a frequency field', { fac1: '50.01Hz' }, { ac1Frequency: 50.01 }],
    ])('strips the unit from %s', (_, wire, expected) => {
      expect(decodeOne({ sn: SN, ...wire }).value).toMatchObject(expected);
    });

    it.each([
      [
        '6553.5 (0xFFFF at 0.1 scale)',
        { vac1: 6553.5 },
        'ac1Voltage',
        'ac1Voltage: 6553.5 from vac1 means not available',
      ],
      [
        '655.35 (0xFFFF at 0.01 scale)',
        { fac1: 655.35 },
        'ac1Frequency',
        'ac1Frequency: 655.35 from fac1 means not available',
      ],
      ['"6553.5" as a string', { Iac2: '6553.5' }, 'ac2Current', 'ac2Current: 6553.5 from Iac2 means not available'],
    ])('turns the sentinel %s into null with a quality note', (_, wire, field, note) => {
      const value = decodeOne({ sn: SN, ...wire }).value as Record<string, unknown>;
      expect(value[field]).toBeNull();
      expect(value['quality']).toStrictEqual([note]);
    });

    it.each([
      [
        'SoC above 100 % (a model without a battery)',
        { soc: 536 },
        'batterySoc',
        'batterySoc: 536 from soc is impossible (above 100)',
      ],
      [
        'SoC as a display string "536%"',
        { soc: '536%' },
        'batterySoc',
        'batterySoc: 536 from soc is impossible (above 100)',
      ],
      ['SoH below 0 %', { soh: -0.1 }, 'batterySoh', 'batterySoh: -0.1 from soh is impossible (below 0)'],
      ['a power factor above 1', { pf: 1.5 }, 'powerFactor', 'powerFactor: 1.5 from pf is impossible (above 1)'],
      [
        'a negative lifetime energy',
        { etotal: -3 },
        'energyTotal',
        'energyTotal: -3 from etotal is impossible (below 0)',
      ],
      ['a negative PV voltage', { vpv1: -12 }, 'pv1Voltage', 'pv1Voltage: -12 from vpv1 is impossible (below 0)'],
    ])('turns %s into null with a quality note, not an error', (_, wire, field, note) => {
      const value = decodeOne({ sn: SN, ...wire }).value as Record<string, unknown>;
      expect(value[field]).toBeNull();
      expect(value['quality']).toStrictEqual([note]);
    });

    it('reads a text label where a code belongs as null with a note', () => {
      const record = decodeOne({ sn: SN, work_mode: 'Wait Mode' });
      expect(record.value.workMode).toBeNull();
      expect(record.value.quality).toStrictEqual(['workMode: "Wait Mode" from work_mode is a label, not a code']);
    });

    it('keeps the sign of readings that may be negative', () => {
      const record = decodeOne({ sn: SN, ibattery1: '-1.5', pmeter: -2150, pf: '-0.98' });
      expect(record.value).toMatchObject({ batteryCurrent: -1.5, meterPower: -2150, powerFactor: -0.98 });
    });

    it('reads codes from numeric strings and text fields from numbers', () => {
      const record = decodeOne({ sn: SN, status: '-1', firmwareversion: 171724.0, warning: '--', fault_messge: '' });
      expect(record.value).toStrictEqual({
        serialNumber: SN,
        status: -1,
        firmwareVersion: '171724',
        warningCode: null,
        faultCode: null,
        quality: [],
      });
    });

    it('never produces 0 or NaN for a reading that was not available', () => {
      const record = decodeOne({ sn: SN, pac: null, vpv1: '', ipv1: '--', vac1: 6553.5, fac1: 655.35, soc: 536 });
      for (const field of ['acPower', 'pv1Voltage', 'pv1Current', 'ac1Voltage', 'ac1Frequency', 'batterySoc']) {
        expect((record.value as Record<string, unknown>)[field]).toBeNull();
      }
    });
  });

  describe('messages with several records', () => {
    it('returns one record per element of an array, in order', () => {
      const result = decodeTelemetry(`[${stringInverterMorning}, ${hybridMidday}]`);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.records.map((record) => record.value)).toStrictEqual([
        stringInverterMorningRecord,
        hybridMiddayRecord,
      ]);
    });

    it('returns no records for an empty array', () => {
      expect(decodeTelemetry('[]')).toStrictEqual({ ok: true, records: [] });
    });

    it('fails the whole message when one element is invalid, naming the element', () => {
      const result = decodeTelemetry(JSON.stringify([{ sn: 'A' }, { sn: 'B' }, { sn: 'C', pac: 'lots' }]));
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('GWK_DECODE_INVALID');
      expect(result.error.path).toBe('[2].pac');
      expect(result.error.message).toBe('Telemetry field [2].pac could not be decoded: "lots" is not a number');
    });
  });

  describe('errors', () => {
    it('reports errors that the library recognises and that are not retriable', () => {
      const result = decodeTelemetry('');
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error).toBeInstanceOf(TelemetryDecodeError);
      expect(isGoodweKafkaError(result.error)).toBe(true);
      expect(result.error.retriable).toBe(false);
    });
  });
});
