import { ErrorCode } from '../../errors/error-codes.js';
import { parseSimulationOptions } from '../../simulator/simulation-options.js';
import { isGoodweKafkaError } from '../../errors/goodwe-kafka-error.js';
import { toClientConfig } from '../../kafka/connection-config.js';
import { KafkaAdmin } from '../../kafka/kafka-admin.js';
import type { CliIo } from '../cli-io.js';
import type { Command } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { ndjsonLine } from '../output.js';
import { connectionFlags, connectionFromFlags, connectionHelp } from '../parse-connection-flags.js';
import { parseCommandArgs, stringFlag } from '../parse-command-args.js';
import { parseInteger } from '../parse-values.js';
import { publishWithProgress } from '../publish-with-progress.js';
import { formatSimulationReport } from '../report-lines.js';
import { parseSimulationFlags, simulationFlags, simulationHelp, startOfWindowEndingNow } from '../simulation-flags.js';

const flags = {
  ...connectionFlags,
  ...simulationFlags,
  'create-topic': { type: 'boolean' },
  partitions: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** `goodwe-kafka simulate`: publishes a simulated fleet. */
export const simulateCommand: Command = {
  name: 'simulate',
  summary: 'publish a realistic simulated GoodWe fleet to a topic',
  flags,
  help: `Usage: goodwe-kafka simulate [--inverters N] [--interval D] [options]

Publishes GoodWe-like telemetry (day/night curve, energy counters, batteries, meters, GoodWe's
naming families) keyed by serial number, record time = reading time, and prints what it injected.
Deterministic: the same flags, --start and --seed publish the same messages. Without --start the
window ends now, so that a cluster's retention keeps what was published.

${simulationHelp({ inverters: '10', interval: '5m', duration: '1d', start: 'now minus --duration, a window ending now', seed: '1', loss: '0', late: '0', duplicate: '0', invalid: '0', 'speed-up': 'max' })}
  --create-topic               create the topic first if it does not exist
  --partitions N               partitions of a created topic (default 3)
  --json                       print the report as one JSON object

${connectionHelp}

Examples:
  goodwe-kafka simulate --url kafka://localhost:9092/DEMO01 --create-topic --inverters 200 --interval 5m --loss 0.01
  goodwe-kafka simulate --inverters 2000 --interval 5m --duration 1d --speed-up 3600 --json
`,
  run: runSimulate,
};

async function runSimulate(args: readonly string[], io: CliIo): Promise<number> {
  const values = parseCommandArgs('simulate', args, flags);
  const { simulation, speedUp } = parseSimulationFlags('simulate', values, {});
  simulation.start ??= startOfWindowEndingNow(simulation, Date.now());
  const partitionsText = stringFlag(values, 'partitions');
  const partitions =
    partitionsText === undefined ? 3 : parseInteger('partitions', partitionsText, 'simulate', 1, 10_000);
  const connection = connectionFromFlags('simulate', values, io.env, io.stderr);
  // Refused options are refused before anything is created on the cluster.
  parseSimulationOptions(simulation);
  const config = await toClientConfig(connection);
  if (values['create-topic'] === true) {
    await using admin = new KafkaAdmin(config);
    await admin.createTopic({ topic: connection.topic, partitions }).catch((error: unknown) => {
      // An existing topic is what the user wanted anyway.
      if (!(isGoodweKafkaError(error) && error.code === ErrorCode.Kafka && /exist/i.test(error.message))) throw error;
    });
  }
  try {
    const result = await publishWithProgress(io, 'simulate', {
      topic: connection.topic,
      simulation,
      producerConfig: config,
      speedUp,
    });
    if (values['json'] === true) {
      io.stdout.write(
        ndjsonLine({
          type: 'simulation',
          topic: connection.topic,
          delivered: result.delivered,
          elapsedMs: Math.round(result.elapsedMs),
          publishedPerSecond: Math.round(result.publishedPerSecond),
          ...result.report,
        }),
      );
    } else {
      io.stdout.write(formatSimulationReport(connection.topic, result));
    }
    return ExitCode.Ok;
  } catch (error) {
    if (io.signal.aborted) {
      io.stderr.write('goodwe-kafka: simulate interrupted; the messages already sent are in the topic.\n');
      return ExitCode.Interrupted;
    }
    throw error;
  }
}
