import { describe, expect, it } from 'vitest';
import { keyColumns, rawJson, sinkColumns, snakeCase, type KeyedRecord } from '../../../src/postgres/sink-columns.js';
import { telemetryFields } from '../../../src/telemetry/telemetry-fields.js';

const column = (name: string) => sinkColumns.find((c) => c.name === name);

const record = (value: Record<string, unknown>, raw: Record<string, unknown> = {}): KeyedRecord =>
  ({
    value: { serialNumber: 'SN1', time: new Date(0), quality: [], ...value },
    raw,
    topic: 'GW-ACME',
    partition: 3,
    offset: '9007199254740993',
    timestamp: new Date(1000),
    key: null,
    headers: {},
    source: 'live',
  }) as KeyedRecord;

describe('sink columns', () => {
  it('has one snake_case column per canonical field of the field dictionary, in its order', () => {
    const canonical = Object.keys(telemetryFields);
    expect(sinkColumns.slice(0, canonical.length).map((c) => c.name)).toEqual(canonical.map(snakeCase));
  });

  it.each([
    ['acPower', 'ac_power'],
    ['pv1Voltage', 'pv1_voltage'],
    ['string10Current', 'string10_current'],
    ['meterPhase1Power', 'meter_phase1_power'],
    ['serialNumber', 'serial_number'],
    ['time', 'time'],
  ])('names %s %s', (field, name) => {
    expect(snakeCase(field)).toBe(name);
  });

  it.each([
    ['serial_number', 'text'],
    ['time', 'timestamptz'],
    ['status', 'integer'],
    ['model', 'text'],
    ['warning_code', 'text'],
    ['ac_power', 'double precision'],
    ['quality', 'text[]'],
    ['raw', 'jsonb'],
    ['kafka_topic', 'text'],
    ['kafka_partition', 'integer'],
    ['kafka_offset', 'bigint'],
    ['kafka_timestamp', 'timestamptz'],
  ])('stores %s as %s', (name, type) => {
    expect(column(name)?.type).toBe(type);
  });

  it('keys rows on (serial_number, time) and nothing else', () => {
    expect(keyColumns).toEqual(['serial_number', 'time']);
    expect(sinkColumns.filter((c) => c.key).map((c) => c.name)).toEqual(['serial_number', 'time']);
  });

  it('marks only the Kafka columns as provenance', () => {
    expect(sinkColumns.filter((c) => c.provenance).map((c) => c.name)).toEqual([
      'kafka_topic',
      'kafka_partition',
      'kafka_offset',
      'kafka_timestamp',
    ]);
  });

  it('gives null for a reading that was absent or not available', () => {
    expect(column('ac_power')?.value(record({ acPower: null }))).toBeNull();
    expect(column('pv_power')?.value(record({}))).toBeNull();
  });

  it('keeps the offset as a string, so a 64-bit offset is not rounded', () => {
    expect(column('kafka_offset')?.value(record({}))).toBe('9007199254740993');
  });

  it('stores a numeric alarm code as text', () => {
    expect(column('fault_code')?.value(record({ faultCode: 1024 }))).toBe('1024');
  });

  it('drops a code outside the integer column range instead of failing the batch', () => {
    expect(column('status')?.value(record({ status: 2 ** 40 }))).toBeNull();
    expect(column('status')?.value(record({ status: -1 }))).toBe(-1);
  });

  it('removes U+0000, which PostgreSQL text and jsonb refuse', () => {
    expect(column('model')?.value(record({ model: 'GW\u00005000' }))).toBe('GW5000');
    expect(rawJson({ sn: 'a\u0000b', n: 1 })).toBe('{"sn":"ab","n":1}');
    expect(rawJson({ sn: 'a\\u0000b' })).toBe(JSON.stringify({ sn: 'a\\u0000b' }));
  });
});
