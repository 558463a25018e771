import { randomUUID } from 'node:crypto';
import type { KafkaConnection } from '../../auth/kafka-connection.js';
import type { RunningBroker } from '../../broker/broker-info.js';
import { toClientConfig } from '../../kafka/connection-config.js';
import { deriveConnection } from '../../kafka/derive-connection.js';
import { KafkaAdmin } from '../../kafka/kafka-admin.js';
import type { CliIo } from '../cli-io.js';
import type { Command } from '../command.js';
import { consumeDemoTopic } from '../demo/consume-demo-topic.js';
import { startDemoBroker } from '../demo/demo-broker.js';
import { formatDemoSummary, judgeDemo, type DemoSummary } from '../demo/demo-summary.js';
import { ExitCode } from '../exit-codes.js';
import { ndjsonLine } from '../output.js';
import { connectionFlags, connectionFromFlags, connectionHelp, hasConnection } from '../parse-connection-flags.js';
import { parseCommandArgs, stringFlag } from '../parse-command-args.js';
import { parseInteger } from '../parse-values.js';
import { ProgressBar } from '../progress-bar.js';
import { publishWithProgress } from '../publish-with-progress.js';
import { parseSimulationFlags, simulationFlags, simulationHelp } from '../simulation-flags.js';

const flags = {
  ...connectionFlags,
  ...simulationFlags,
  partitions: { type: 'string' },
  'keep-topic': { type: 'boolean' },
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
  summary: 'start a local broker, simulate a faulty fleet, consume it and summarise',
  flags,
  help: `Usage: goodwe-kafka demo [fleet flags] [--partitions N] [--keep-topic] [--json]

Without a connection, starts a local Kafka broker (needs a checkout of goodwe-kafka with Docker,
or Java and Maven), connects as a GoodWe account would (SCRAM-SHA-512 over TLS), creates a topic,
publishes a simulated fleet with injected loss, late, duplicate and invalid messages, consumes it
with createTelemetryConsumer, and compares what arrived with what the simulator injected. Then it
deletes the topic and stops the broker. With a connection, it runs against that cluster on a
topic of its own (--topic is the prefix of its name), which it creates and deletes.

${simulationHelp({ inverters: '200', interval: '5m', duration: '1d', seed: '1', loss: '0.01', late: '0.005', duplicate: '0.005', invalid: '0.002', 'speed-up': '14400' })}
  --partitions N               partitions of the demo topic (default 3)
  --keep-topic                 do not delete the topic at the end
  --json                       print the summary as one JSON object

${connectionHelp}

Exit codes: 0 the summary matches what was injected, 1 it does not, 3 no broker.

Examples:
  goodwe-kafka demo
  goodwe-kafka demo --inverters 2000 --speed-up max
  goodwe-kafka demo --url kafka://localhost:9092/goodwe-demo --inverters 20 --duration 6h
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
  let started: RunningBroker | undefined;
  let connection: KafkaConnection;
  let broker: string;
  if (hasConnection(values, io.env)) {
    // The demo reads and writes a topic of its own: the topic or distributor code of the
    // environment getting-started sets up (GOODWE_KAFKA_DISTRIBUTOR_CODE) would disagree with it.
    const given = connectionFromFlags(
      'demo',
      { ...values, topic: undefined, 'distributor-code': undefined },
      { ...io.env, GOODWE_KAFKA_TOPIC: topic, GOODWE_KAFKA_DISTRIBUTOR_CODE: undefined },
      io.stderr,
    );
    connection = deriveConnection(given, { topic });
    broker = `${connection.bootstrapServers.join(',')} (${connection.securityProtocol})`;
  } else {
    const demo = await startDemoBroker(topic, io.stderr);
    started = demo.broker;
    connection = demo.connection;
    broker = demo.description;
  }
  try {
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
      const consumed = await consumeDemoTopic({
        connection,
        groupId: `goodwe-kafka-demo-${suffix}`,
        expectedMessages: published.report.published,
        expectedIntervalMs: simulation.intervalMs ?? defaults.intervalMs,
        signal: io.signal,
        onProgress: (n) => reading.update(n, published.report.published),
      });
      reading.done();
      const problems = judgeDemo(published, consumed);
      const summary: DemoSummary = {
        type: 'demo',
        broker,
        topic,
        partitions,
        published,
        consumed,
        gaps: consumed.gaps,
        ok: problems.length === 0,
        problems,
      };
      io.stdout.write(json ? ndjsonLine(summary) : formatDemoSummary(summary));
      return summary.ok ? ExitCode.Ok : ExitCode.Problem;
    } finally {
      if (values['keep-topic'] !== true) await admin.deleteTopic(topic).catch(() => undefined);
    }
  } finally {
    await started?.stop();
  }
}
