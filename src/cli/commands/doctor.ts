import { deriveConnection } from '../../kafka/derive-connection.js';
import type { CliIo } from '../cli-io.js';
import type { Command } from '../command.js';
import { checkConnection } from '../doctor/check-connection.js';
import { checkTopicLog } from '../doctor/check-topic-log.js';
import { formatChecks, type DoctorCheck } from '../doctor/doctor-check.js';
import { ExitCode, exitCodeOf } from '../exit-codes.js';
import { ndjsonLine } from '../output.js';
import { connectionFlags, connectionFromFlags, connectionHelp } from '../parse-connection-flags.js';
import { parseCommandArgs, stringFlag } from '../parse-command-args.js';
import { parseDuration } from '../parse-values.js';
import { UsageError } from '../usage-error.js';

const flags = {
  ...connectionFlags,
  group: { type: 'string' },
  timeout: { type: 'string' },
  json: { type: 'boolean' },
} as const;

// librdkafka cannot cancel a connect: a failed one keeps the process from exiting until its
// timeout ends (docs/connecting.md), so the doctor answers within a shorter one by default.
const DEFAULT_TIMEOUT_MS = 8000;

/** `goodwe-kafka doctor`: a checklist of everything between you and your telemetry. */
export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'check connection, authentication, topic, retention and group lag; say how to fix',
  flags,
  help: `Usage: goodwe-kafka doctor [--group ID] [--timeout D] [--json]

Runs a checklist and prints each check, its result and, when it fails, how to fix it:
  librdkafka        the native client's version and features (ssl, sasl_scram)
  connection        TCP, TLS and SASL; on an authentication failure the other SASL mechanisms are
                    tried, to tell a wrong mechanism from a wrong password
  topic             exists and the account may read it
  partitions        count, offsets, earliest and latest record time of each partition
  retention         how old the oldest retained record is
  group lag         with --group: committed offsets against the end of each partition, and a
                    warning when retention would delete records before the group reads them
Nothing is consumed as a group and nothing is committed.

  --group ID                   also check this consumer group's lag
  --timeout D                  give up connecting after D (default 8s; a failed check exits after it)
  --json                       one NDJSON object per check: {"check","status","summary","fix"?,"details"?}

${connectionHelp}

Exit codes: 0 all ok, 1 a warning or a failed log/group check, 2 usage, 3 cannot connect,
authenticate or read the topic.

Examples:
  GOODWE_KAFKA_PASSWORD=... goodwe-kafka doctor --bootstrap-servers kafka.goodwe.example:9093 --account acme --topic ACME01
  goodwe-kafka doctor --group acme-ingest --json
`,
  run: runDoctor,
};

async function runDoctor(args: readonly string[], io: CliIo): Promise<number> {
  const values = parseCommandArgs('doctor', args, flags);
  const timeoutText = stringFlag(values, 'timeout');
  const connectTimeoutMs =
    timeoutText === undefined ? DEFAULT_TIMEOUT_MS : parseDuration('timeout', timeoutText, 'doctor');
  if (connectTimeoutMs < 1000) throw new UsageError('--timeout must be at least 1s', 'doctor');
  const given = connectionFromFlags('doctor', values, io.env, io.stderr);
  const connection = deriveConnection(given, { connectTimeoutMs });
  const json = values['json'] === true;
  const checks: DoctorCheck[] = [];
  // In JSON each check is printed as soon as it is known, so a slow check shows where it is.
  const add = (found: readonly DoctorCheck[]): void => {
    checks.push(...found);
    if (json) for (const check of found) io.stdout.write(ndjsonLine(check));
  };
  const first = await checkConnection(connection, io.signal);
  add(first.checks);
  let code: number = ExitCode.Ok;
  if (first.report === undefined) {
    code = first.failure === undefined ? ExitCode.Problem : exitCodeOf(first.failure);
    add([{ check: 'topic log', status: 'skip', summary: 'skipped: fix the checks above first' }]);
  } else {
    const group = stringFlag(values, 'group');
    try {
      add(await checkTopicLog(connection, group, io.signal));
    } catch (error) {
      if (io.signal.aborted) throw error;
      add([{ check: 'topic log', status: 'fail', summary: error instanceof Error ? error.message : String(error) }]);
    }
    if (checks.some((c) => c.status === 'fail' || c.status === 'warn')) code = ExitCode.Problem;
  }
  if (!json) io.stdout.write(formatChecks(checks));
  return code;
}
