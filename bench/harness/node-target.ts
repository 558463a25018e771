import { join } from 'node:path';

/**
 * What `--node` asked for: a major (`22`) or an exact version (`22.23.5`), with or without a `v`.
 * Throws on anything else, so a typo does not silently run the benchmark on the current Node.
 */
export function parseNodeRequest(value: string): string {
  const match = /^v?(\d+(?:\.\d+\.\d+)?)$/.exec(value.trim());
  if (!match) throw new Error(`--node must be a Node.js major (22) or version (22.23.5), got '${value}'.`);
  return match[1]!;
}

/** Whether the Node running now (`process.versions.node`) is the one `request` names. */
export function runsOnRequested(request: string, running: string): boolean {
  return request.includes('.') ? running === request : running.split('.')[0] === request;
}

/** The folder of the peer clients for a Node major other than the project's own. */
export const peersDirName = (major: string): string => `peers-node${major}`;

/**
 * Where the benchmark takes its peer clients from under the Node `running`: bench/peers-node<major>/
 * when it has a package.json (a newer peer that needs that Node, pinned with its own lock), else
 * bench/ itself, whose peers install on every Node the project supports.
 */
export function peersDirFor(benchDir: string, running: string, exists: (path: string) => boolean): string {
  const dir = join(benchDir, peersDirName(running.split('.')[0]!));
  return exists(join(dir, 'package.json')) ? dir : benchDir;
}

/** `args` without `--node X` / `--node=X`: the rest is handed on to the run under that Node. */
export function withoutNodeFlag(args: readonly string[]): string[] {
  const rest: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg === '--node') index++;
    else if (!arg.startsWith('--node=')) rest.push(arg);
  }
  return rest;
}
