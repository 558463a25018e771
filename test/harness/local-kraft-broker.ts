import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, closeSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BrokerInfo, RunningBroker } from './broker-info.js';
import { ensureKafkaJars, kafkaJarVersion } from './kafka-jars.js';
import { freePort, waitForPort } from './free-port.js';
import { log4jProperties, serverProperties, type BrokerPorts } from './server-properties.js';
import { testUser, testUsers, unauthorizedTestUser } from './test-users.js';
import { makeTlsMaterial } from './tls-material.js';

const run = promisify(execFile);

/** How to start the local broker. */
export interface LocalBrokerOptions {
  /** Project root holding `tools/kafka/pom.xml` and `.kafka/libs`. */
  root: string;
  /**
   * Keep running after this process exits (for `npm run kafka:up`). By default the broker is
   * tied to this process: if it dies, even by `kill -9`, the broker is stopped and its folder removed.
   */
  detached?: boolean;
  /** Time allowed for the broker to start. @default 90000 */
  startTimeoutMs?: number;
}

// The guardian owns the JVM. It stops it when told to (TERM) and also when its stdin reaches EOF,
// which happens when the Node process that started it dies for any reason, so a crashed test run
// never leaves a broker running or a port taken.
const guardian = `
dir="$1"; shift
"$@" &
pid=$!
halt() {
  kill -TERM "$pid" 2>/dev/null
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
}
# Told to stop (by the harness, or by a signal to the whole process group): stop the broker and
# remove its folder. (A restart kills the JVM itself and keeps the folder.)
trap 'halt; rm -rf "$dir"; exit 0' TERM INT HUP
cat <&0 >/dev/null &
watcher=$!
wait -n "$pid" "$watcher"
# The parent is gone: stop the broker and remove everything it had.
if kill -0 "$pid" 2>/dev/null; then halt; rm -rf "$dir"; exit 0; fi
kill "$watcher" 2>/dev/null
exit 1
`;

function javaArgs(libs: string, dir: string): string[] {
  return [
    'java',
    '-Xms256m',
    '-Xmx768m',
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-XX:+ExitOnOutOfMemoryError',
    '-Djava.awt.headless=true',
    `-Dlog4j.configuration=file:${join(dir, 'log4j.properties')}`,
    '-cp',
    `${libs}/*`,
  ];
}

function logTail(file: string): string {
  if (!existsSync(file)) return '(no broker log)';
  return readFileSync(file, 'utf8').split('\n').slice(-15).join('\n');
}

async function waitForReady(
  child: ChildProcess,
  logFile: string,
  logStart: number,
  port: number,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const alive = (): boolean => child.exitCode === null && child.signalCode === null;
  while (!readFileSync(logFile).subarray(logStart).toString('utf8').includes('Kafka Server started')) {
    if (!alive()) throw new Error(`the broker exited during start-up:\n${logTail(logFile)}`);
    if (Date.now() > deadline) throw new Error(`the broker did not start within ${timeoutMs} ms:\n${logTail(logFile)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  await waitForPort(port, Math.max(1000, deadline - Date.now()), alive);
}

/**
 * Starts a single-node KRaft Apache Kafka broker from Maven Central jars, on 127.0.0.1 and free
 * ports, with PLAINTEXT, SASL_PLAINTEXT and SASL_SSL listeners and the test users.
 */
export async function startLocalBroker(options: LocalBrokerOptions): Promise<RunningBroker> {
  const libs = await ensureKafkaJars(options.root);
  const dir = mkdtempSync(join(tmpdir(), 'goodwe-kafka-broker-'));
  try {
    const ports: BrokerPorts = {
      plaintext: await freePort(),
      saslPlaintext: await freePort(),
      saslSsl: await freePort(),
      controller: await freePort(),
    };
    const { caFile } = await makeTlsMaterial(dir);
    writeFileSync(join(dir, 'server.properties'), serverProperties(dir, ports));
    writeFileSync(join(dir, 'log4j.properties'), log4jProperties);
    const java = javaArgs(libs, dir);
    const clusterId = randomBytes(16).toString('base64url');
    const scram = testUsers.flatMap((u) =>
      ['SCRAM-SHA-256', 'SCRAM-SHA-512'].flatMap((m) => [
        '--add-scram',
        `${m}=[name=${u.name},password=${u.password}]`,
      ]),
    );
    await run(
      java[0]!,
      [
        ...java.slice(1),
        'kafka.tools.StorageTool',
        'format',
        // `=` form: a random base64url id may start with '-', which the parser takes for an option.
        `--cluster-id=${clusterId}`,
        '-c',
        join(dir, 'server.properties'),
        ...scram,
      ],
      {
        timeout: 120_000,
      },
    );

    const logFile = join(dir, 'broker.log');
    const serverArgs = [...java, 'kafka.Kafka', join(dir, 'server.properties')];
    const startTimeoutMs = options.startTimeoutMs ?? 90_000;
    const launch = async (): Promise<ChildProcess> => {
      const logStart = existsSync(logFile) ? readFileSync(logFile).length : 0;
      const log = openSync(logFile, 'a');
      const started = options.detached
        ? spawn(serverArgs[0]!, serverArgs.slice(1), { detached: true, stdio: ['ignore', log, log] })
        : spawn('bash', ['-c', guardian, 'guardian', dir, ...serverArgs], { stdio: ['pipe', log, log] });
      closeSync(log);
      if (options.detached) started.unref();
      await waitForReady(started, logFile, logStart, ports.plaintext, startTimeoutMs).catch(async (error: unknown) => {
        await stopChild(started);
        throw error;
      });
      return started;
    };
    let child = await launch();

    const info: BrokerInfo = {
      backend: 'local',
      version: kafkaJarVersion(libs),
      plaintext: `127.0.0.1:${ports.plaintext}`,
      saslPlaintext: `127.0.0.1:${ports.saslPlaintext}`,
      saslSsl: `127.0.0.1:${ports.saslSsl}`,
      mechanisms: ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'],
      caFile,
      user: testUser,
      unauthorizedUser: unauthorizedTestUser,
    };
    let stopped: Promise<void> | undefined;
    const stop = (): Promise<void> =>
      (stopped ??= stopChild(child).finally(() => rmSync(dir, { recursive: true, force: true })));
    return {
      info,
      get pid() {
        return child.pid;
      },
      dir,
      stop,
      halt: () => crash(child),
      restart: async () => {
        await crash(child);
        child = await launch();
      },
      pause: () => signalJvm(child, 'SIGSTOP'),
      resume: () => signalJvm(child, 'SIGCONT'),
      [Symbol.asyncDispose]: stop,
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Kills the broker JVM at once (SIGKILL), as a crash or a pulled cable would, keeping its data:
 * a controlled shutdown takes seconds, and an outage is what the callers want to simulate.
 */
async function crash(guardianProcess: ChildProcess): Promise<void> {
  if (guardianProcess.exitCode !== null || guardianProcess.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => guardianProcess.once('exit', () => resolve()));
  const jvm = await run('pgrep', ['-P', String(guardianProcess.pid), 'java']).then(
    ({ stdout }) => Number(stdout.trim()),
    () => undefined,
  );
  if (jvm) process.kill(jvm, 'SIGKILL');
  else guardianProcess.kill('SIGTERM');
  await exited;
}

/** Sends a signal to the broker JVM under the guardian shell. */
async function signalJvm(guardianProcess: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  const { stdout } = await run('pgrep', ['-P', String(guardianProcess.pid), 'java']);
  process.kill(Number(stdout.trim()), signal);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const killTimer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(killTimer);
}
