import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { peersDirFor } from './node-target.js';

/** The bench folder: its package.json lists the peer clients, installed into its own node_modules. */
export const benchDir = dirname(dirname(fileURLToPath(import.meta.url)));

/**
 * The folder whose node_modules the peer clients load from under the Node running now: bench/, or
 * bench/peers-node<major>/ where a newer peer needs a newer Node (see {@link peersDirFor}).
 */
export const peersDir = peersDirFor(benchDir, process.versions.node, existsSync);

/** The peer clients the benchmark compares against; dependencies of the peers folder's package.json only. */
export const peerPackages = ['kafkajs', '@platformatic/kafka'] as const;

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

/**
 * Whether an installed release satisfies the peers folder's pin: an exact pin must be the installed
 * version, so that a bumped pin never leaves the previous release measured under the new label.
 */
export function satisfiesPin(pin: string | undefined, version: string | undefined): boolean {
  if (version === undefined) return false;
  return pin === undefined || !/^\d+\.\d+\.\d+$/.test(pin) || version === pin;
}

function installed(name: string): boolean {
  const manifest = join(peersDir, 'node_modules', name, 'package.json');
  const { dependencies } = readJson<{ dependencies?: Record<string, string> }>(join(peersDir, 'package.json'));
  return satisfiesPin(
    dependencies?.[name],
    existsSync(manifest) ? readJson<{ version?: string }>(manifest).version : undefined,
  );
}

/** Installs the peers folder's dependencies (from its lock) into its node_modules unless they are there. */
export function ensurePeers(log: (line: string) => void): void {
  if (peerPackages.every(installed)) return;
  const prefix = relative(dirname(benchDir), peersDir);
  log(`installing the peer clients into ${prefix}/node_modules (npm install --prefix ${prefix})`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const { status, error } = spawnSync(npm, ['install', '--prefix', peersDir, '--no-audit', '--no-fund'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (error || status !== 0 || !peerPackages.every(installed)) {
    throw new Error(`npm install --prefix ${prefix} failed (${error?.message ?? `exit status ${status}`}).`);
  }
}

// Resolving from a file in the peers folder finds its node_modules, as a bare import from bench/ would.
const peerRequire = createRequire(join(peersDir, 'package.json'));
// The root's resolution, through the redirect of scripts/node-matrix-resolve.cjs when it is preloaded.
const rootRequire = createRequire(import.meta.url);

/** The version in the package.json of the package that holds `file`, a resolved entry point of `name`. */
function versionAt(file: string, name: string): string | undefined {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const { name: found, version } = readJson<{ name?: string; version?: string }>(manifest);
    if (found === name) return version;
  }
  return undefined;
}

/**
 * The version of `name` that the benchmark's processes load: a peer from the peers folder, any other
 * package (the native client) as the root resolves it, the redirect to a copy built for this Node included.
 */
export function installedVersion(name: string): string | undefined {
  const resolver = (peerPackages as readonly string[]).includes(name) ? peerRequire : rootRequire;
  try {
    return versionAt(resolver.resolve(name), name);
  } catch {
    return undefined;
  }
}

/**
 * Loads a peer client from the peers folder. The specifier is resolved at run time on purpose: the
 * root typecheck (which covers bench/) then needs no peer's type declarations, so it passes in a
 * fresh clone where no peers are installed. Callers describe the slice of the API they use.
 */
export async function loadPeer<T>(name: (typeof peerPackages)[number]): Promise<T> {
  return (await import(pathToFileURL(peerRequire.resolve(name)).href)) as T;
}
