import type { CliIo } from '../cli-io.js';
import type { Command } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { ndjsonLine, StreamingTable } from '../output.js';
import { connectionFlags, connectionFromFlags, connectionHelp } from '../parse-connection-flags.js';
import { parseCommandArgs } from '../parse-command-args.js';
import { ProgressBar } from '../progress-bar.js';
import { readTelemetryWindow, type TelemetryWindowOptions, type WindowItem } from '../read-telemetry-window.js';
import { telemetryColumns, telemetryJson } from '../telemetry-columns.js';
import { parseWindow, windowFlags, windowHelp } from '../window-flags.js';

const flags = {
  ...connectionFlags,
  ...windowFlags,
  serial: { type: 'string', multiple: true },
  json: { type: 'boolean' },
} as const;

/**
 * Where `replay` and `gaps` read a window from: the library's window reader with the replay's
 * de-duplication (read-telemetry-window.ts); tests pass another source.
 */
export type WindowSource = (options: TelemetryWindowOptions) => AsyncIterable<WindowItem>;

/** `goodwe-kafka replay`: prints every reading in a time window. */
export function replayCommand(source: WindowSource = readTelemetryWindow): Command {
  return {
    name: 'replay',
    summary: 'print every reading in a time window',
    flags,
    help: `Usage: goodwe-kafka replay --from TIME [--to TIME] [--serial SN ...] [--json]

Prints every reading whose record time lies in the window, read with a side reader: no consumer
group, nothing committed, other consumers undisturbed. A reading published twice is printed once.
Undecodable messages are reported on stderr.

${windowHelp}
  --serial SN                  only this inverter (repeat for several)
  --json                       one NDJSON object per reading (the canonical record plus "kafka")

${connectionHelp}

Examples:
  goodwe-kafka replay --from 2026-06-15T00:00:00Z --to 2026-06-16T00:00:00Z
  goodwe-kafka replay --from -2h --serial 5010KETU000001 --json | jq .acPower
`,
    run: (args, io) => runReplay(args, io, source),
  };
}

async function runReplay(args: readonly string[], io: CliIo, source: WindowSource): Promise<number> {
  const values = parseCommandArgs('replay', args, flags);
  const { from, to } = parseWindow('replay', values);
  const connection = connectionFromFlags('replay', values, io.env, io.stderr);
  const serials = values['serial'] as unknown as string[] | undefined;
  const json = values['json'] === true;
  const table = new StreamingTable(io.stdout, telemetryColumns);
  const progress = new ProgressBar(io.stderr, { label: 'replay' });
  let records = 0;
  let invalid = 0;
  try {
    for await (const item of source({
      connection,
      from,
      to,
      serialNumbers: serials,
      signal: io.signal,
      onProgress: (read, total) => progress.update(read, total),
    })) {
      if (item.kind === 'invalid') {
        invalid++;
        progress.done();
        io.stderr.write(`goodwe-kafka: skipped an undecodable message: ${item.record.error.message}\n`);
        continue;
      }
      records++;
      if (json) io.stdout.write(ndjsonLine(telemetryJson(item.record)));
      else table.row(item.record);
    }
  } catch (error) {
    if (io.signal.aborted) return ExitCode.Interrupted;
    throw error;
  } finally {
    progress.done();
  }
  if (!json)
    io.stderr.write(
      `${records} readings, ${invalid} undecodable messages (${from.toISOString()} .. ${to.toISOString()})\n`,
    );
  return ExitCode.Ok;
}
