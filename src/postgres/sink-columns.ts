import type { InvalidTelemetryRecord, TelemetryRecord } from '../records/telemetry-record.js';
import type { CanonicalTelemetryField, InverterTelemetry } from '../telemetry/inverter-telemetry-schema.js';
import { telemetryFields, type TelemetryFieldKind } from '../telemetry/telemetry-fields.js';

/** A record the sink accepts: a decoded reading, or an invalid one (`onInvalid: 'yield'`), which it skips. */
export type SinkRecord = TelemetryRecord<InverterTelemetry> | InvalidTelemetryRecord;

/** A record that has a reading and a time, so it has a row. */
export type KeyedRecord = TelemetryRecord<InverterTelemetry> & {
  /** The reading, which has a time: part of the table's key. */
  readonly value: {
    /** When the inverter took the reading. */
    readonly time: Date;
  };
};

/** PostgreSQL types the sink's columns use. */
export type SinkColumnType = 'text' | 'timestamptz' | 'integer' | 'double precision' | 'bigint' | 'text[]' | 'jsonb';

/** One column of the sink's table. */
export interface SinkColumn {
  /** snake_case column name. */
  readonly name: string;
  /** The column's PostgreSQL type. */
  readonly type: SinkColumnType;
  /** Part of the primary key `(serial_number, time)`. */
  readonly key: boolean;
  /** Holds where the row was read from in Kafka rather than what the inverter reported. */
  readonly provenance: boolean;
  /** The column's value for a record, ready for node-postgres (`null` for SQL NULL). */
  readonly value: (record: KeyedRecord) => unknown;
}

const typeOfKind: { readonly [K in TelemetryFieldKind]: SinkColumnType } = {
  serial: 'text',
  time: 'timestamptz',
  code: 'integer',
  text: 'text',
  alarm: 'text',
  reading: 'double precision',
};

const INT4_MAX = 2 ** 31 - 1;

/** `acPower` → `ac_power`, `pv1Voltage` → `pv1_voltage`, `string10Current` → `string10_current`. */
export function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

// PostgreSQL text cannot hold U+0000; one such character would make the whole batch fail forever.
const withoutNul = (text: string): string => (text.includes('\0') ? text.replaceAll('\0', '') : text);

function fieldValue(kind: TelemetryFieldKind, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  switch (kind) {
    case 'alarm':
    case 'text':
    case 'serial':
      return withoutNul(String(value));
    case 'code':
      // Codes are small integers; one outside `integer` cannot be a real code (`raw` keeps it).
      return Math.abs(value as number) <= INT4_MAX ? value : null;
    default:
      return value;
  }
}

/** `raw` as JSON text for a `jsonb` column, without the U+0000 escapes `jsonb` rejects. */
export function rawJson(raw: unknown): string {
  const json = JSON.stringify(raw);
  return json.includes('\\u0000')
    ? JSON.stringify(raw, (_key, value: unknown) => (typeof value === 'string' ? withoutNul(value) : value))
    : json;
}

function canonicalColumn(field: CanonicalTelemetryField): SinkColumn {
  const { kind } = telemetryFields[field];
  return {
    name: snakeCase(field),
    type: typeOfKind[kind],
    key: field === 'serialNumber' || field === 'time',
    provenance: false,
    value: (record) => fieldValue(kind, record.value[field]),
  };
}

const column = (name: string, type: SinkColumnType, value: SinkColumn['value'], provenance = false): SinkColumn => ({
  name,
  type,
  key: false,
  provenance,
  value,
});

/**
 * The table's columns, in order: one per canonical field of `InverterTelemetry`, derived from the
 * field dictionary (`telemetryFields`) so that a new field gets a column without editing this file,
 * then `quality`, the message as sent (`raw`), and where it was read from in Kafka.
 */
export const sinkColumns: readonly SinkColumn[] = [
  ...(Object.keys(telemetryFields) as CanonicalTelemetryField[]).map(canonicalColumn),
  column('quality', 'text[]', (record) => record.value.quality.map(withoutNul)),
  column('raw', 'jsonb', (record) => rawJson(record.raw)),
  column('kafka_topic', 'text', (record) => record.topic, true),
  column('kafka_partition', 'integer', (record) => record.partition, true),
  column('kafka_offset', 'bigint', (record) => record.offset, true),
  column('kafka_timestamp', 'timestamptz', (record) => record.timestamp, true),
];

/** The primary key, which is also the upsert's conflict target. */
export const keyColumns = ['serial_number', 'time'] as const;
