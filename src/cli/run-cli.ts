import type { CliIo } from './cli-io.js';
import type { Command } from './command.js';
import { demoCommand } from './commands/demo.js';
import { doctorCommand } from './commands/doctor.js';
import { gapsCommand } from './commands/gaps.js';
import { ingestCommand } from './commands/ingest.js';
import { replayCommand } from './commands/replay.js';
import { simulateCommand } from './commands/simulate.js';
import { tailCommand } from './commands/tail.js';
import { ExitCode, errorLine, exitCodeOf } from './exit-codes.js';
import { packageVersion } from './package-version.js';
import { UsageError } from './usage-error.js';

/** Every command, in the order `--help` lists them. */
export const commands: readonly Command[] = [
  doctorCommand,
  tailCommand,
  replayCommand(),
  gapsCommand(),
  simulateCommand,
  ingestCommand,
  demoCommand,
];

function mainHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `goodwe-kafka ${packageVersion()}

Consume GoodWe inverter telemetry from Apache Kafka.

Usage: goodwe-kafka <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run "goodwe-kafka <command> --help" for a command's options and examples.

The connection comes from flags (--url, or --bootstrap-servers, --account, --topic, ...), from
GOODWE_KAFKA_URL, or from GOODWE_KAFKA_BOOTSTRAP_SERVERS, GOODWE_KAFKA_ACCOUNT,
GOODWE_KAFKA_PASSWORD, GOODWE_KAFKA_TOPIC and friends (docs/connecting.md).

Exit codes: 0 ok, 1 problem found, 2 usage or configuration error, 3 cannot connect,
authenticate or access the topic, 130 interrupted.

Options:
  --version   print the version
  --help      print this help
`;
}

/**
 * Runs `goodwe-kafka` with `argv` (without `node` and the script) and resolves with the exit code.
 * Never throws and never prints a stack: an error becomes one line on stderr.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--version' || name === '-v' || name === 'version') {
    io.stdout.write(`${packageVersion()}\n`);
    return ExitCode.Ok;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? commands.find((c) => c.name === args[0]) : undefined;
    io.stdout.write(topic ? topic.help : mainHelp());
    return ExitCode.Ok;
  }
  const command = commands.find((c) => c.name === name);
  try {
    if (!command)
      throw new UsageError(`unknown command "${name}"; commands are ${commands.map((c) => c.name).join(', ')}`);
    if (args.includes('--help') || args.includes('-h')) {
      io.stdout.write(command.help);
      return ExitCode.Ok;
    }
    return await command.run(args, io);
  } catch (error) {
    if (io.signal.aborted) {
      io.stderr.write('goodwe-kafka: interrupted\n');
      return ExitCode.Interrupted;
    }
    io.stderr.write(`${errorLine(error)}\n`);
    return exitCodeOf(error);
  }
}
