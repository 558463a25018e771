import { randomUUID } from 'node:crypto';
import { toClientConfig } from '../../kafka/connection-config.js';
import { deriveConnection } from '../../kafka/derive-connection.js';
import { KafkaAdmin } from '../../kafka/kafka-admin.js';
import type { CliIo } from '../cli-io.js';
import type { Command } from '../command.js';
import { consumeDemoTopic } from '../demo/consume-demo-topic.js';
import { openDemoDatabase } from '../demo/demo-database.js';
import { formatDemoSummary, judgeDemo, type DemoSummary } from '../demo/demo-summary.js';
import { ExitCode } from '../exit-codes.js';
import { ndjsonLine } from '../output.js';
import { connectionFlags, connectionFromFlags, connectionHelp, hasConnection } from '../parse-connection-flags.js';
import { parseCommandArgs, stringFlag } from '../parse-command-args.js';
import { parseInteger } from '../parse-values.js';
import { ProgressBar } from '../progress-bar.js';
import { publishWithProgress } from '../publish-with-progress.js';
import { parseSimulationFlags, simulationFlags, simulationHelp } from '../simulation-flags.js';
import { UsageError } from '../usage-error.js';

const flags = {
  ...connectionFlags,
  ...simulationFlags,
  partitions: { type: 'string' },
  'keep-topic': { type: 'boolean' },
  to: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const defaults = {
  inverters: 200,
  intervalMs: 300_000,
  durationMs: 86_400_000,
  seed: 1,
  loss: 0.01,
  late: 0.005,
  duplicate: 0.005,
  invalid: 0.002,
  speedUp: 14_400,
};

/** `goodwe-kafka demo`: the whole pipeline on a real broker, with an honest summary. */
export const demoCommand: Command = {
  name: 'demo',
  summary: 'simulate a faulty fleet on a broker, consume it and summarise',
  flags,
  help: `Usage: goodwe-kafka demo [fleet flags] [--partitions N] [--keep-topic] [--to postgres://...] [--json]

Runs against the broker you give (--url or the GOODWE_KAFKA_* variables): creates a topic of its
own (--topic is the prefix of its name), publishes a simulated fleet with injected loss, late,
duplicate and invalid messages, consumes it with createTelemetryConsumer, compares what arrived
with what the simulator injected, and deletes the topic. The account needs to create and delete
topics. From a checkout of goodwe-kafka, "npm run demo" starts a local broker (Docker, or Java
and Maven) and runs this command against it.

${simulationHelp({ inverters: '200', interval: '5m', duration: '1d', seed: '1', loss: '0.01', late: '0.005', duplicate: '0.005', invalid: '0.002', 'speed-up': '14400' })}
  --partitions N               partitions of the demo topic (default 3)
  --keep-topic                 do not delete the topic (and the demo table) at the end
  --to URL                     also write the readings to PostgreSQL (a table goodwe_demo_<random>,
                               needs the pg package) and check its row count
  --json                       print the summary as one JSON object

${connectionHelp}

Exit codes: 0 the summary matches what was injected, 1 it does not, 2 no broker given,
3 cannot reach the broker.

Examples:
  goodwe-kafka demo --url kafka://localhost:9092/goodwe-demo
  goodwe-kafka demo --url kafka://localhost:9092/goodwe-demo --inverters 2000 --speed-up max
  GOODWE_KAFKA_URL=kafka://localhost:9092/goodwe-demo goodwe-kafka demo --inverters 20 --start 2026-06-15T06:00:00Z --duration 6h
`,
  run: runDemo,
};

async function runDemo(args: readonly string[], io: CliIo): Promise<number> {
  const values = parseCommandArgs('demo', args, flags);
  const { simulation, speedUp } = parseSimulationFlags('demo', values, defaults);
  const partitionsText = stringFlag(values, 'partitions');
  const partitions = partitionsText === undefined ? 3 : parseInteger('partitions', partitionsText, 'demo', 1, 1000);
  const suffix = randomUUID().slice(0, 8);
  const topic = `${stringFlag(values, 'topic') ?? 'goodwe-demo'}-${suffix}`;
  const json = values['json'] === true;
  const say = (line: string): void => {
    if (!json) io.stderr.write(`${line}\n`);
  };
  if (!hasConnection(values, io.env)) {
    throw new UsageError(
      'the demo needs a broker: give one with --url kafka://HOST:9092/goodwe-demo or the GOODWE_KAFKA_* variables ' +
        '(from a checkout of goodwe-kafka, "npm run demo" starts a local one)',
      'demo',
    );
  }
  // The demo reads and writes a topic of its own: the topic or distributor code of the
  // environment getting-started sets up (GOODWE_KAFKA_DISTRIBUTOR_CODE) would disagree with it.
  const given = connectionFromFlags(
    'demo',
    { ...values, topic: undefined, 'distributor-code': undefined },
    { ...io.env, GOODWE_KAFKA_TOPIC: topic, GOODWE_KAFKA_DISTRIBUTOR_CODE: undefined },
    io.stderr,
  );
  const connection = deriveConnection(given, { topic });
  const broker = `${connection.bootstrapServers.join(',')} (${connection.securityProtocol}${connection.account === undefined ? '' : ` ${connection.mechanism}`})`;
  const config = await toClientConfig(connection);
  await using admin = new KafkaAdmin(config);
  await admin.createTopic({ topic, partitions });
  say(`broker ${broker}; topic ${topic} (${partitions} partitions)`);
  try {
    const published = await publishWithProgress(io, 'publishing', {
      topic,
      simulation,
      producerConfig: config,
      speedUp,
    });
    say(`published ${published.report.published} messages; consuming them with createTelemetryConsumer...`);
    const reading = new ProgressBar(io.stderr, { label: 'consuming' });
    await using database = await openDemoDatabase(
      stringFlag(values, 'to'),
      `goodwe_demo_${suffix.replace(/-/g, '_')}`,
      {
        keep: values['keep-topic'] === true,
      },
    );
    const consumed = await consumeDemoTopic({
      connection,
      groupId: `goodwe-kafka-demo-${suffix}`,
      expectedMessages: published.report.published,
      expectedIntervalMs: simulation.intervalMs ?? defaults.intervalMs,
      signal: io.signal,
      onProgress: (n) => reading.update(n, published.report.published),
      ...(database ? { write: (batch) => database.write(batch) } : {}),
    });
    reading.done();
    const stored = database ? { table: database.table, rows: await database.rows() } : undefined;
    const problems = judgeDemo(published, consumed, stored);
    const summary: DemoSummary = {
      type: 'demo',
      broker,
      topic,
      partitions,
      published,
      consumed,
      gaps: consumed.gaps,
      database: stored,
      ok: problems.length === 0,
      problems,
    };
    io.stdout.write(json ? ndjsonLine(summary) : formatDemoSummary(summary));
    return summary.ok ? ExitCode.Ok : ExitCode.Problem;
  } finally {
    if (values['keep-topic'] !== true) await admin.deleteTopic(topic).catch(() => undefined);
  }
}
