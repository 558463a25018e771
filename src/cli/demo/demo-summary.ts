import type { PublishSimulationResult } from '../../simulator/publish-simulation.js';
import { formatTable, showDuration, type Column } from '../output.js';
import type { DemoConsumption } from './consume-demo-topic.js';
import type { DemoGapSummary } from './demo-gap-tracker.js';

/** Everything the demo reports. */
export interface DemoSummary {
  type: 'demo';
  broker: string;
  topic: string;
  partitions: number;
  published: PublishSimulationResult;
  consumed: DemoConsumption;
  gaps: DemoGapSummary;
  /** With `--to`: the table the readings were written to, and its row count at the end. */
  database?: { table: string; rows: number } | undefined;
  /** Every published reading was consumed, and only the injected ones are missing. */
  ok: boolean;
  problems: string[];
}

/** Compares what was consumed with what the simulator says it published and withheld. */
export function judgeDemo(
  published: PublishSimulationResult,
  consumed: DemoConsumption,
  database?: { table: string; rows: number },
): string[] {
  const r = published.report;
  const problems: string[] = [];
  if (database && database.rows !== r.readings - r.lost)
    problems.push(`${database.rows} rows in ${database.table}, ${r.readings - r.lost} readings published`);
  const expected = r.readings - r.lost;
  if (consumed.distinctReadings !== expected) {
    problems.push(
      `${consumed.distinctReadings} distinct readings consumed, ${expected} published (${r.readings} taken - ${r.lost} lost)`,
    );
  }
  if (consumed.invalidSkipped !== r.invalid)
    problems.push(`${consumed.invalidSkipped} invalid skipped, ${r.invalid} injected`);
  if (consumed.duplicatesSeen !== 0) problems.push(`${consumed.duplicatesSeen} duplicates reached the loop body`);
  if (consumed.duplicatesDropped < r.duplicates)
    problems.push(`${consumed.duplicatesDropped} duplicates dropped, ${r.duplicates} injected`);
  if (!consumed.complete)
    problems.push(`stopped after ${consumed.messages} of ${r.published} messages: nothing more arrived`);
  return problems;
}

interface Line {
  what: string;
  value: string;
}

/** The summary as a table of plain statements. */
export function formatDemoSummary(s: DemoSummary): string {
  const r = s.published.report;
  const c = s.consumed;
  const rate = (n: number, ms: number): string => (ms > 0 ? `${Math.round(n / (ms / 1000))}/s` : '-');
  const lines: Line[] = [
    { what: 'broker', value: s.broker },
    { what: 'topic', value: `${s.topic} (${s.partitions} partitions)` },
    { what: 'fleet', value: `${r.inverters} inverters, ${r.readings} readings taken, seed ${r.seed}` },
    {
      what: 'published',
      value: `${r.published} messages = ${r.readings} readings - ${r.lost} lost + ${r.duplicates} duplicates + ${r.invalid} invalid (${r.late} late) in ${showDuration(s.published.elapsedMs)}, ${rate(s.published.delivered, s.published.elapsedMs)}`,
    },
    {
      what: 'consumed',
      value: `${c.records} records (${c.distinctReadings} distinct readings) in ${showDuration(c.elapsedMs)}, ${rate(c.records, c.elapsedMs)}`,
    },
    { what: 'invalid skipped', value: `${c.invalidSkipped} (injected ${r.invalid})` },
    {
      what: 'duplicates',
      value: `${c.duplicatesDropped} dropped before the loop body (injected ${r.duplicates}), ${c.duplicatesSeen} reached it`,
    },
    {
      what: 'lost',
      value: `${r.lost} readings never published (injected); ${r.readings - r.lost - c.distinctReadings} published readings not consumed`,
    },
    {
      what: 'gaps',
      value: `${s.gaps.found} found: ${s.gaps.refilled} refilled, ${s.gaps.partial} partial, ${s.gaps.notInLog} not in the log, ${s.gaps.beyondRetention} beyond retention (${s.gaps.scans} scans)`,
    },
    {
      what: 'refilled',
      value: `${s.gaps.refilledRecords} readings recovered from the log by refill scans (late readings close gaps too)`,
    },
    ...(s.database
      ? [
          {
            what: 'database',
            value: `${s.database.rows} rows in ${s.database.table} (${r.readings - r.lost} readings published), each batch committed to Kafka after PostgreSQL committed it`,
          },
        ]
      : []),
  ];
  const columns: Column<Line>[] = [
    { header: 'demo', cell: (l) => l.what },
    { header: '', cell: (l) => l.value },
  ];
  const verdict = s.ok
    ? 'OK: every published reading was consumed; the only missing readings are the ones the simulator withheld.'
    : `PROBLEM: ${s.problems.join('; ')}`;
  return `${formatTable(columns, lines)}\n${verdict}\n`;
}
