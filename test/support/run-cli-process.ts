import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Called with everything printed so far, each time the process prints. */
export type OutputWatcher = (stdout: string, stderr: string) => void;

/** What a CLI run printed and how it exited. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout parsed as NDJSON. */
  json<T = Record<string, unknown>>(): T[];
}

/**
 * Runs `goodwe-kafka` on a pseudo-terminal, as in `script`, `docker run -t` or a CI runner that
 * allocates one: stdin, stdout and stderr are the terminal (so `stdout` holds both streams, with
 * `\r\n` line ends) and, with no terminal above it, the terminal reports 0 columns.
 */
export function runCliOnTerminal(
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 60_000,
  onOutput?: OutputWatcher,
): Promise<CliRun> {
  const quote = (word: string): string => `'${word.replace(/'/g, `'\\''`)}'`;
  const command = [process.execPath, '--import', 'tsx', 'src/cli/main.ts', ...args].map(quote).join(' ');
  return runProcess(
    'script',
    ['-qefc', command, '/dev/null'],
    env,
    timeoutMs,
    `goodwe-kafka ${args.join(' ')}`,
    onOutput,
  );
}

/**
 * Runs `goodwe-kafka` as a user would: a separate Node process on src/cli/main.ts (through tsx),
 * with only the environment given (no GOODWE_KAFKA_* leaking in from the test run).
 */
export function runCliProcess(
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 60_000,
  onOutput?: OutputWatcher,
): Promise<CliRun> {
  return runProcess(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', ...args],
    env,
    timeoutMs,
    `goodwe-kafka ${args.join(' ')}`,
    onOutput,
  );
}

/**
 * Runs another entry point of the repository the same way, such as scripts/demo.ts (`npm run demo`).
 */
export function runScriptProcess(
  script: string,
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<CliRun> {
  return runProcess(
    process.execPath,
    ['--import', 'tsx', script, ...args],
    env,
    timeoutMs,
    `${script} ${args.join(' ')}`,
  );
}

function runProcess(
  file: string,
  argv: string[],
  env: Record<string, string>,
  timeoutMs: number,
  what: string,
  onOutput: OutputWatcher = () => undefined,
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, argv, {
      cwd: root,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      onOutput(stdout, stderr);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      onOutput(stdout, stderr);
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${what} did not finish within ${timeoutMs} ms; stderr: ${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({
        code,
        stdout,
        stderr,
        json: <T>() =>
          stdout
            .split('\n')
            .filter((line) => line.trim() !== '')
            .map((line) => JSON.parse(line) as T),
      });
    });
  });
}
