import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { benchDir } from './peers.js';

/**
 * Runs the benchmark again under the Node `request` names, through scripts/bench-node.sh (which gets
 * that Node and a native client built for it), with `args`; returns its exit status.
 */
export function runUnderNode(request: string, args: readonly string[]): number {
  const root = join(benchDir, '..');
  const { status, signal, error } = spawnSync('bash', [join(root, 'scripts', 'bench-node.sh'), request, ...args], {
    cwd: root,
    stdio: 'inherit',
  });
  if (error) throw error;
  return status ?? (signal ? 130 : 1);
}
