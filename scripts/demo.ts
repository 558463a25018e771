// `npm run demo`: starts the local broker of the test harness (KAFKA_BOOTSTRAP_SERVERS, Docker, or
// Kafka jars run with Java), runs `goodwe-kafka demo` from the sources against it, and stops it.
// The published command never starts a broker: the harness is not part of the package.
// Flags pass through: npm run demo -- --inverters 2000 --speed-up max
// Given a broker (--url, --bootstrap-servers, GOODWE_KAFKA_URL or GOODWE_KAFKA_BOOTSTRAP_SERVERS),
// it starts nothing and uses that one.
import { runCli } from '../src/cli/run-cli.js';
import type { BrokerInfo, RunningBroker } from '../test/harness/broker-info.js';
import { projectRoot } from '../test/harness/project-root.js';
import { startBroker } from '../test/harness/start-broker.js';
import { postgresBinDir, startPostgres, type RunningPostgres } from '../test/support/postgres-server.js';

const args = process.argv.slice(2);
const controller = new AbortController();
process.once('SIGINT', () => controller.abort(new Error('stopped by SIGINT')));

const brokerGiven =
  args.some((arg) => /^--(url|bootstrap-servers)(=|$)/.test(arg)) ||
  !!process.env['GOODWE_KAFKA_URL'] ||
  !!process.env['GOODWE_KAFKA_BOOTSTRAP_SERVERS'];
const helpOnly = args.includes('--help') || args.includes('-h');

let started: RunningBroker | undefined;
let env: NodeJS.ProcessEnv = process.env;
if (!brokerGiven && !helpOnly) {
  process.stderr.write('starting a local Kafka broker (the first start downloads Kafka with Maven)...\n');
  try {
    started = await startBroker({ root: projectRoot(), log: (line) => process.stderr.write(`${line}\n`) });
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
    process.stderr.write(
      `Starting a local Kafka broker failed: ${reason}. It needs Docker, or Java 17+ and Maven on the PATH (scripts/setup.sh installs them); or give a broker with --url.\n`,
    );
    process.exit(3);
  }
  const { url, via } = demoUrl(started.info);
  process.stderr.write(`${started.info.backend} Kafka ${started.info.version ?? ''} is up (${via})\n`);
  env = { ...process.env, GOODWE_KAFKA_URL: url };
}

// A throwaway PostgreSQL too, when its binaries are installed: the demo then writes every reading
// through the sink and checks the table's row count.
let database: RunningPostgres | undefined;
const databaseGiven = args.some((arg) => /^--to(=|$)/.test(arg));
if (!databaseGiven && !helpOnly && postgresBinDir() !== undefined) {
  try {
    database = await startPostgres({ database: 'goodwe_demo' });
    process.stderr.write(`PostgreSQL ${database.version} is up\n`);
  } catch (error) {
    process.stderr.write(`Starting PostgreSQL failed, the demo runs without it: ${String(error).split('\n')[0]}\n`);
  }
}

let code: number;
try {
  code = await runCli(['demo', ...args, ...(database ? ['--to', database.url] : [])], {
    stdout: process.stdout,
    stderr: process.stderr,
    env,
    signal: controller.signal,
  });
} finally {
  await database?.stop();
  await started?.stop();
}
process.exit(code);

/** Connects as a GoodWe account would, SCRAM-SHA-512 over TLS, when the broker offers it. */
function demoUrl(info: BrokerInfo): { url: string; via: string } {
  if (info.saslSsl !== undefined && info.caFile !== undefined && info.mechanisms.includes('SCRAM-SHA-512')) {
    const account = `${encodeURIComponent(info.user.name)}:${encodeURIComponent(info.user.password)}`;
    return {
      url: `kafka+sasl-ssl://${account}@${info.saslSsl}/goodwe-demo?mechanism=SCRAM-SHA-512&ca=${encodeURIComponent(info.caFile)}`,
      via: `SASL_SSL SCRAM-SHA-512 at ${info.saslSsl}`,
    };
  }
  return { url: `kafka://${info.plaintext}/goodwe-demo`, via: `PLAINTEXT at ${info.plaintext}` };
}
