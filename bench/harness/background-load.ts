import { spawn, type ChildProcess } from 'node:child_process';

// What each busy process does: JSON work like a neighbouring service's, never idle.
const busyLoop = `
const sample = JSON.stringify({ sn: '9010KETU000W0001', pac: 1234.5, e_day: 12.3, list: Array.from({ length: 20 }, (_, i) => i) });
let sink = 0;
for (;;) sink += JSON.parse(sample).pac;
`;

/**
 * Other load on the machine while contenders run: `processes` Node processes that keep a core
 * busy each, so that "with other load" figures come from one run of the same code. Stops them
 * when disposed.
 */
export function startBackgroundLoad(
  processes: number,
): AsyncDisposable & { readonly processes: number; readonly pids: readonly number[] } {
  const children: ChildProcess[] = [];
  for (let i = 0; i < processes; i++) {
    children.push(spawn(process.execPath, ['-e', busyLoop], { stdio: 'ignore' }));
  }
  return {
    processes,
    pids: children.flatMap((child) => (child.pid === undefined ? [] : [child.pid])),
    async [Symbol.asyncDispose]() {
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.kill('SIGKILL');
            }),
        ),
      );
    },
  };
}
