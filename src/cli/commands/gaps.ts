import type { GapEvent } from '../../gaps/gap-outcome.js';
import type { CliIo } from '../cli-io.js';
import type { Command } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { GapScan } from '../gap-scan.js';
import { formatTable, ndjsonLine, showTime, type Column } from '../output.js';
import { connectionFlags, connectionFromFlags, connectionHelp } from '../parse-connection-flags.js';
import { parseCommandArgs, stringFlag } from '../parse-command-args.js';
import { parseDuration, parseFactor } from '../parse-values.js';
import { ProgressBar } from '../progress-bar.js';
import { readTelemetryWindow } from '../read-telemetry-window.js';
import { parseWindow, windowFlags, windowHelp } from '../window-flags.js';
import type { WindowSource } from './replay.js';

const flags = {
  ...connectionFlags,
  ...windowFlags,
  interval: { type: 'string' },
  tolerance: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const columns: readonly Column<GapEvent>[] = [
  { header: 'serial', cell: (g) => g.serialNumber },
  { header: 'partition', cell: (g) => String(g.partition), align: 'right' },
  { header: 'from', cell: (g) => showTime(g.from) },
  { header: 'to', cell: (g) => showTime(g.to) },
  { header: 'missing', cell: (g) => (g.expected === undefined ? '?' : String(g.expected)), align: 'right' },
  { header: 'in log', cell: (g) => String(g.recovered), align: 'right' },
  { header: 'outcome', cell: (g) => g.outcome },
];

/** `goodwe-kafka gaps`: scans a window and reports per-inverter gaps. */
export function gapsCommand(source: WindowSource = readTelemetryWindow): Command {
  return {
    name: 'gaps',
    summary: 'scan a time window and report per-inverter gaps',
    flags,
    help: `Usage: goodwe-kafka gaps --from TIME [--to TIME] [--interval D] [--tolerance F] [--json]

Reads the window with a side reader (no group, no commits) and reports, per inverter, every jump
in telemetry time larger than tolerance x cadence, with its outcome:
  not-in-log        the log holds nothing for the inverter in the gap (night, outage, lost upstream)
  refilled/partial  readings inside the gap are in the log (published late): all or some expected
  beyond-retention  the log really starts after the gap began (records were deleted from a
                    partition the inverter's readings are spread over)
A scan only reads the log. Refilling gaps into your pipeline is the consumer's job
(createTelemetryConsumer with gaps: { refill: true }), which reports its own outcomes.
The overnight silence of an inverter shows up as a not-in-log gap.

${windowHelp}
  --interval D                 expected reporting interval (e.g. 5m); learned per inverter if absent
  --tolerance F                gap when a jump exceeds F x interval (default 1.5)
  --json                       one NDJSON object per gap ("type":"gap"), then a "summary"

${connectionHelp}

Examples:
  goodwe-kafka gaps --from -1d
  goodwe-kafka gaps --from 2026-06-15T00:00:00Z --to 2026-06-16T00:00:00Z --interval 5m --json
`,
    run: (args, io) => runGaps(args, io, source),
  };
}

async function runGaps(args: readonly string[], io: CliIo, source: WindowSource): Promise<number> {
  const values = parseCommandArgs('gaps', args, flags);
  const { from, to } = parseWindow('gaps', values);
  const intervalText = stringFlag(values, 'interval');
  const toleranceText = stringFlag(values, 'tolerance');
  const scan = new GapScan({
    expectedIntervalMs: intervalText === undefined ? undefined : parseDuration('interval', intervalText, 'gaps'),
    toleranceFactor: toleranceText === undefined ? undefined : parseFactor('tolerance', toleranceText, 'gaps'),
  });
  const connection = connectionFromFlags('gaps', values, io.env, io.stderr);
  const progress = new ProgressBar(io.stderr, { label: 'gaps' });
  let earliestRetainedMs: number | undefined;
  let invalid = 0;
  try {
    for await (const item of source({
      connection,
      from,
      to,
      signal: io.signal,
      onProgress: (read, total) => progress.update(read, total),
      onRetention: (ms) => (earliestRetainedMs = ms),
    })) {
      if (item.kind === 'invalid') invalid++;
      else {
        const { partition, value, timestamp } = item.record;
        if (value.time !== undefined)
          scan.observe(partition, value.serialNumber, value.time.getTime(), timestamp.getTime());
      }
    }
  } catch (error) {
    if (io.signal.aborted) return ExitCode.Interrupted;
    throw error;
  } finally {
    progress.done();
  }
  const gaps = scan.results(earliestRetainedMs);
  const byOutcome: Record<string, number> = {};
  for (const gap of gaps) byOutcome[gap.outcome] = (byOutcome[gap.outcome] ?? 0) + 1;
  const summary = {
    type: 'summary',
    from,
    to,
    readings: scan.counts.readings,
    inverters: scan.counts.inverters,
    invalid,
    gaps: gaps.length,
    invertersWithGaps: new Set(gaps.map((g) => g.serialNumber)).size,
    byOutcome,
    earliestRetained: earliestRetainedMs === undefined ? null : new Date(earliestRetainedMs),
  };
  if (values['json'] === true) {
    for (const gap of gaps) io.stdout.write(ndjsonLine({ type: 'gap', ...gap }));
    io.stdout.write(ndjsonLine(summary));
    return ExitCode.Ok;
  }
  if (gaps.length > 0) io.stdout.write(formatTable(columns, gaps));
  const outcomes = Object.entries(byOutcome)
    .map(([outcome, n]) => `${n} ${outcome}`)
    .join(', ');
  io.stdout.write(
    `${gaps.length} gaps in ${summary.invertersWithGaps} of ${summary.inverters} inverters` +
      `${outcomes === '' ? '' : ` (${outcomes})`}; ${summary.readings} readings, ${invalid} undecodable messages` +
      ` between ${showTime(from)} and ${showTime(to)}.\n`,
  );
  return ExitCode.Ok;
}
