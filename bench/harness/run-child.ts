import { fork } from 'node:child_process';
import { join } from 'node:path';
import { benchDir } from './peers.js';

/** How to run one child. */
export interface ChildOptions {
  /** Node flags before the script, after `--import tsx` (for example `--expose-gc`, `--cpu-prof`). */
  execArgv?: readonly string[];
  /** The child is killed after this long. */
  timeoutMs: number;
  /** Kills the child when aborted (Ctrl-C). */
  signal: AbortSignal;
}

/** What a child left: the result it sent over IPC, if any, and what it printed. */
export interface ChildOutcome<R> {
  result: R | undefined;
  stdout: string;
}

const tail = (text: string): string => text.trim().split('\n').slice(-20).join('\n');

/**
 * Runs `script` (a path under bench/) with `args` in a fresh Node process through tsx, so that
 * every contender and figure gets a heap, a JIT and an RSS of its own. Rejects when the child
 * fails or times out, with the end of its stderr in the message.
 */
export function runChild<R>(script: string, args: readonly string[], options: ChildOptions): Promise<ChildOutcome<R>> {
  return new Promise((resolve, reject) => {
    const child = fork(join(benchDir, script), [...args], {
      cwd: join(benchDir, '..'),
      execArgv: ['--import', 'tsx', ...(options.execArgv ?? [])],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    let stdout = '';
    let stderr = '';
    let result: R | undefined;
    let killedFor: string | undefined;
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-8192)));
    child.on('message', (message) => (result = message as R));
    const kill = (reason: string): void => {
      killedFor ??= reason;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(
      () => kill(`timed out after ${Math.round(options.timeoutMs / 1000)} s`),
      options.timeoutMs,
    );
    const onAbort = (): void => kill('aborted');
    options.signal.addEventListener('abort', onAbort, { once: true });
    child.on('error', (error) => kill(error.message));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
      if (killedFor === undefined && code === 0) {
        resolve({ result, stdout });
        return;
      }
      const why = killedFor ?? `exited with ${signal ?? `code ${code}`}`;
      reject(new Error(`${script} ${why}${stderr.trim() ? `:\n${tail(stderr)}` : ''}`));
    });
  });
}
