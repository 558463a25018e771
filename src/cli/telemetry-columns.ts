import type { TelemetryRecord } from '../records/telemetry-record.js';
import type { InverterTelemetry } from '../telemetry/inverter-telemetry-schema.js';
import { inverterStatusLabels } from '../telemetry/status-codes.js';
import { showNumber, showTime, type Column } from './output.js';

type Row = TelemetryRecord<InverterTelemetry>;

const statusOf = (status: number | null | undefined): string => {
  if (status === null || status === undefined) return '-';
  const label = (inverterStatusLabels as Readonly<Record<number, string>>)[status];
  return label === undefined ? String(status) : label;
};

/** The table `tail` and `replay` print: one reading per line, units in the headers. */
export const telemetryColumns: readonly Column<Row>[] = [
  { header: 'time', cell: (r) => showTime(r.value.time ?? r.timestamp), width: 20 },
  { header: 'serial', cell: (r) => r.value.serialNumber, width: 16 },
  { header: 'acPower W', cell: (r) => showNumber(r.value.acPower, 0), align: 'right' },
  { header: 'pvPower W', cell: (r) => showNumber(r.value.pvPower, 0), align: 'right' },
  { header: 'energyToday kWh', cell: (r) => showNumber(r.value.energyToday, 2), align: 'right' },
  { header: 'temperature °C', cell: (r) => showNumber(r.value.temperature, 1), align: 'right' },
  { header: 'status', cell: (r) => statusOf(r.value.status), width: 8 },
];

/** A record as one NDJSON object: the reading plus where it sits in Kafka (headers left out). */
export function telemetryJson(record: Row): Record<string, unknown> {
  const { value, topic, partition, offset, timestamp, key, source } = record;
  return { ...value, kafka: { topic, partition, offset, timestamp, key, source } };
}
