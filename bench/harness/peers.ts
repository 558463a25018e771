import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The bench folder: its package.json lists the peer clients, installed into its own node_modules. */
export const benchDir = dirname(dirname(fileURLToPath(import.meta.url)));

/** The peer clients the benchmark compares against; dependencies of bench/package.json only. */
export const peerPackages = ['kafkajs', '@platformatic/kafka'] as const;

const installed = (name: string): boolean => existsSync(join(benchDir, 'node_modules', name, 'package.json'));

/** Installs bench/package.json's dependencies into bench/node_modules unless they are there. */
export function ensurePeers(log: (line: string) => void): void {
  if (peerPackages.every(installed)) return;
  log('installing the peer clients into bench/node_modules (npm install --prefix bench)');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const { status, error } = spawnSync(npm, ['install', '--prefix', benchDir, '--no-audit', '--no-fund'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (error || status !== 0 || !peerPackages.every(installed)) {
    throw new Error(`npm install --prefix bench failed (${error?.message ?? `exit status ${status}`}).`);
  }
}

/** The installed version of a package under bench/node_modules, or of the root's when not found there. */
export function installedVersion(name: string): string | undefined {
  for (const base of [join(benchDir, 'node_modules'), join(dirname(benchDir), 'node_modules')]) {
    const file = join(base, name, 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version;
  }
  return undefined;
}

/**
 * Loads a peer client from bench/node_modules. The specifier is a variable on purpose: the root
 * typecheck (which covers bench/) then needs no peer's type declarations, so it passes in a fresh
 * clone where bench/node_modules does not exist. Callers describe the slice of the API they use.
 */
export async function loadPeer<T>(name: (typeof peerPackages)[number]): Promise<T> {
  const specifier: string = name;
  return (await import(specifier)) as T;
}
