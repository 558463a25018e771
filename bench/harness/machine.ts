import { execFileSync } from 'node:child_process';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { selfCheck } from '../../src/kafka/self-check.js';
import { installedVersion, peerPackages } from './peers.js';

/** The machine and software a run measured. */
export interface Machine {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  librdkafka: string;
  /** Client package versions: @confluentinc/kafka-javascript and the peers. */
  clients: Record<string, string>;
  /** Commit of the measured code, with `-dirty` when the worktree had changes. */
  commit: string;
}

function gitCommit(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim();
    return dirty ? `${commit}-dirty` : commit;
  } catch {
    return 'unknown';
  }
}

/** Describes this machine, the Node and librdkafka versions and the clients' versions. */
export function describeMachine(): Machine {
  const cpu = cpus();
  const clients: Record<string, string> = {};
  for (const name of ['@confluentinc/kafka-javascript', ...peerPackages]) clients[name] = installedVersion(name) ?? '?';
  return {
    cpuModel: cpu[0]?.model.trim() ?? 'unknown',
    cores: cpu.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${process.platform} ${release()} ${process.arch}`,
    node: process.version,
    librdkafka: selfCheck().librdkafkaVersion,
    clients,
    commit: gitCommit(),
  };
}

/** The 1, 5 and 15 minute load averages, rounded. */
export const loadAverage = (): number[] => loadavg().map((value) => Math.round(value * 100) / 100);
