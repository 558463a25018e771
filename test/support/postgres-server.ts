import { execFile, spawn, type ChildProcess } from 'node:child_process';
import {
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from '../harness/free-port.js';

const run = promisify(execFile);

/** A PostgreSQL server started for a test run. */
export interface RunningPostgres {
  /** `postgres://postgres@127.0.0.1:PORT/DATABASE`, trust authentication, no password. */
  readonly url: string;
  /** The server major version, e.g. `15`. */
  readonly version: string;
  /** The throwaway folder holding the data directory, the socket and the log. */
  readonly dir: string;
  /** Stops the server (fast shutdown) and removes its folder. Safe to call twice. */
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** Options of {@link startPostgres}. */
export interface StartPostgresOptions {
  /** The database to create next to `postgres`. @default 'goodwe_kafka_test' */
  database?: string;
  /** Time allowed for the server to accept connections. @default 60000 */
  startTimeoutMs?: number;
  /**
   * `fsync` and `synchronous_commit` on, as in production. Off by default: tests only need the
   * semantics, and an fsync per commit on a shared disk makes them slow and noisy.
   */
  durable?: boolean;
}

// The guardian owns the server, like the Kafka broker's: it stops it and removes its folder when
// told to (TERM, INT, HUP) or when its stdin reaches EOF, which happens when the Node process that
// started it dies for any reason, even `kill -9`. `postgres` runs in the foreground under it rather
// than daemonized by `pg_ctl start`, so that its lifetime can be tied to the test run.
const guardian = `
dir="$1"; shift
"$@" &
pid=$!
halt() {
  kill -INT "$pid" 2>/dev/null
  for _ in $(seq 1 80); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
}
trap 'halt; rm -rf "$dir"; exit 0' TERM INT HUP
cat <&0 >/dev/null &
watcher=$!
wait -n "$pid" "$watcher"
kill -0 "$pid" 2>/dev/null && halt
kill "$watcher" 2>/dev/null
rm -rf "$dir"
exit 0
`;

/**
 * The folder holding `initdb` and `postgres`: the one on PATH, else the newest Debian
 * `/usr/lib/postgresql/<major>/bin` (Debian keeps the server binaries off PATH).
 */
export function postgresBinDir(): string | undefined {
  for (const entry of (process.env.PATH ?? '').split(delimiter)) {
    if (entry && existsSync(join(entry, 'initdb')) && existsSync(join(entry, 'postgres'))) return entry;
  }
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const majors = readdirSync(base)
    .filter((name) => /^\d+(\.\d+)?$/.test(name) && existsSync(join(base, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return majors[0] === undefined ? undefined : join(base, majors[0], 'bin');
}

// initdb and postgres refuse to run as root. As root, run them as the `postgres` account the
// Debian package creates (or `nobody`), with `setpriv`, which execs in place: the guardian's child
// is then the postmaster itself and gets its signals directly.
function serverAccount(): { name: string; uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ['postgres', 'nobody']) {
    const line = readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${name}:`));
    const [, , uid, gid] = line?.split(':') ?? [];
    if (uid !== undefined && gid !== undefined) return { name, uid: Number(uid), gid: Number(gid) };
  }
  throw new Error('running as root, and neither a postgres nor a nobody account exists to run PostgreSQL as');
}

function asAccount(account: ReturnType<typeof serverAccount>, command: string[]): string[] {
  if (!account) return command;
  return ['setpriv', `--reuid=${account.uid}`, `--regid=${account.gid}`, '--clear-groups', ...command];
}

function logTail(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-15).join('\n') : '(no server log)';
}

async function waitForServer(url: string, child: ChildProcess, logFile: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`PostgreSQL exited during start-up:\n${logTail(logFile)}`);
    }
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(`PostgreSQL did not accept connections within ${timeoutMs} ms:\n${logTail(logFile)}`, {
          cause: error,
        });
      }
    } finally {
      await client.end().catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Starts a throwaway PostgreSQL server: `initdb` into a fresh temporary folder, then `postgres` on
 * a free port on 127.0.0.1, trust authentication for the `postgres` user, and one extra database.
 * The server is tied to this process: it stops and its folder is removed when this process exits.
 */
export async function startPostgres(options: StartPostgresOptions = {}): Promise<RunningPostgres> {
  const bin = postgresBinDir();
  if (!bin)
    throw new Error('PostgreSQL server binaries not found: install Debian package postgresql (scripts/setup.sh)');
  const account = serverAccount();
  const dir = mkdtempSync(join(tmpdir(), 'goodwe-kafka-postgres-'));
  const data = join(dir, 'data');
  const socket = join(dir, 'socket');
  const logFile = join(dir, 'server.log');
  try {
    mkdirSync(socket);
    if (account) for (const path of [dir, socket]) chownSync(path, account.uid, account.gid);
    const initdb = asAccount(account, [
      join(bin, 'initdb'),
      '-D',
      data,
      '-A',
      'trust',
      '-U',
      'postgres',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    await run(initdb[0]!, initdb.slice(1), { cwd: dir, timeout: 120_000 });

    const port = await freePort();
    const durable = options.durable ? 'on' : 'off';
    const server = asAccount(account, [
      join(bin, 'postgres'),
      '-D',
      data,
      '-p',
      String(port),
      '-k',
      socket,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `fsync=${durable}`,
      '-c',
      `synchronous_commit=${durable}`,
      '-c',
      `full_page_writes=${durable}`,
      '-c',
      'max_connections=40',
    ]);
    const log = openSync(logFile, 'a');
    const child = spawn('bash', ['-c', guardian, 'guardian', dir, ...server], { cwd: dir, stdio: ['pipe', log, log] });
    closeSync(log);
    let stopped: Promise<void> | undefined;
    const stop = (): Promise<void> =>
      (stopped ??= new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }).finally(() => rmSync(dir, { recursive: true, force: true })));

    const admin = `postgres://postgres@127.0.0.1:${port}/postgres`;
    try {
      await waitForServer(admin, child, logFile, options.startTimeoutMs ?? 60_000);
      const database = options.database ?? 'goodwe_kafka_test';
      const client = new pg.Client({ connectionString: admin });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${database}`);
        const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
        return {
          url: `postgres://postgres@127.0.0.1:${port}/${database}`,
          version: rows[0]?.server_version.split(/[ .]/)[0] ?? '',
          dir,
          stop,
          [Symbol.asyncDispose]: stop,
        };
      } finally {
        await client.end();
      }
    } catch (error) {
      await stop();
      throw error;
    }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
