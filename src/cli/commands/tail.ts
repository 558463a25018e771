import { randomUUID } from 'node:crypto';
import { createTelemetryConsumer } from '../../consumer/create-telemetry-consumer.js';
import type { CliIo } from '../cli-io.js';
import type { Command } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { ndjsonLine, StreamingTable } from '../output.js';
import { connectionFlags, connectionFromFlags, connectionHelp } from '../parse-connection-flags.js';
import { parseCommandArgs, stringFlag } from '../parse-command-args.js';
import { parseInteger } from '../parse-values.js';
import { telemetryColumns, telemetryJson } from '../telemetry-columns.js';

const flags = {
  ...connectionFlags,
  group: { type: 'string' },
  'from-beginning': { type: 'boolean' },
  serial: { type: 'string', multiple: true },
  limit: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** `goodwe-kafka tail`: follows the topic and prints decoded telemetry. */
export const tailCommand: Command = {
  name: 'tail',
  summary: 'follow the topic and print decoded telemetry',
  flags,
  help: `Usage: goodwe-kafka tail [--group ID] [--from-beginning] [--serial SN ...] [--limit N] [--json]

Follows the topic with the library's consumer and prints each reading as it arrives, until
Ctrl-C (or --limit readings). Undecodable messages are reported on stderr.

Without --group a throwaway consumer group is used (goodwe-kafka-tail-<random>), so your own
groups' positions never move. With --group, reading starts at that group's committed position
and commits as it goes: use it only for a group that is yours to move.

  --group ID                   consumer group to read as (default: a throwaway one)
  --from-beginning             start at the oldest retained record (a new group; default: new records only)
  --serial SN                  only this inverter (repeat for several)
  --limit N                    stop after N readings
  --json                       one NDJSON object per reading (the canonical record plus "kafka")

${connectionHelp}

Examples:
  goodwe-kafka tail
  goodwe-kafka tail --from-beginning --serial 5010KETU000001 --json
`,
  run: runTail,
};

async function runTail(args: readonly string[], io: CliIo): Promise<number> {
  const values = parseCommandArgs('tail', args, flags);
  const limitText = stringFlag(values, 'limit');
  const limit = limitText === undefined ? Number.POSITIVE_INFINITY : parseInteger('limit', limitText, 'tail', 1);
  const serials = values['serial'] as unknown as string[] | undefined;
  const serialSet = serials ? new Set(serials) : undefined;
  const connection = connectionFromFlags('tail', values, io.env, io.stderr);
  const json = values['json'] === true;
  const groupId = stringFlag(values, 'group') ?? `goodwe-kafka-tail-${randomUUID().slice(0, 8)}`;
  const fromBeginning = values['from-beginning'] === true;
  let waiting = (): void => undefined;
  const consumer = createTelemetryConsumer({
    connection,
    groupId,
    autoOffsetReset: fromBeginning ? 'earliest' : 'latest',
    onInvalid: 'yield',
    signal: io.signal,
    // Once connected and given the partitions: a connection that fails prints its one error line only.
    onAssign: () => waiting(),
  });
  const table = new StreamingTable(io.stdout, telemetryColumns);
  // Readings may be minutes apart (or a night away): say at once that tail is up and waiting.
  // On stderr, so that stdout stays data only (NDJSON with --json); on a terminal the table's
  // header shows too.
  const position =
    stringFlag(values, 'group') !== undefined
      ? `as group ${groupId}, from its committed position`
      : fromBeginning
        ? 'from the oldest retained record'
        : 'new readings only';
  waiting = () => {
    waiting = () => undefined;
    io.stderr.write(
      `goodwe-kafka: following ${connection.topic} (${position}); waiting for readings, Ctrl-C to stop\n`,
    );
    if (!json && io.stdout.isTTY === true) table.header();
  };
  let printed = 0;
  try {
    for await (const record of consumer) {
      if (record.value === undefined) {
        io.stderr.write(`goodwe-kafka: skipped an undecodable message: ${record.error.message}\n`);
        continue;
      }
      if (serialSet && !serialSet.has(record.value.serialNumber)) continue;
      if (json) io.stdout.write(ndjsonLine(telemetryJson(record)));
      else table.row(record);
      if (++printed >= limit) break;
    }
  } finally {
    await consumer.close();
  }
  return ExitCode.Ok;
}
