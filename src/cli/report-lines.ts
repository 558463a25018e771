import type { PublishSimulationResult } from '../simulator/publish-simulation.js';
import { formatTable, showDuration, showTime, type Column } from './output.js';

interface Line {
  what: string;
  value: string;
}

const columns: readonly Column<Line>[] = [
  { header: 'simulation', cell: (l) => l.what },
  { header: '', cell: (l) => l.value },
];

/** The simulation report as a two-column table: what was published and what was injected. */
export function formatSimulationReport(topic: string, result: PublishSimulationResult): string {
  const r = result.report;
  const lines: Line[] = [
    { what: 'topic', value: topic },
    { what: 'inverters', value: String(r.inverters) },
    { what: 'readings taken', value: String(r.readings) },
    {
      what: 'messages published',
      value: `${r.published} (${r.publishedBytes} bytes, ~${Math.round(r.averageReadingBytes)} per reading)`,
    },
    { what: 'lost (never published)', value: String(r.lost) },
    { what: 'late (out of order)', value: String(r.late) },
    { what: 'duplicates', value: String(r.duplicates) },
    { what: 'invalid messages', value: String(r.invalid) },
    { what: 'other wire forms', value: String(r.aliased) },
    { what: 'readings from', value: `${showTime(r.firstReadingMs)} to ${showTime(r.lastReadingMs)}` },
    { what: 'seed', value: String(r.seed) },
    {
      what: 'throughput',
      value: `${Math.round(result.publishedPerSecond)} msg/s, ${showDuration(result.elapsedMs)}`,
    },
  ];
  return formatTable(columns, lines);
}
