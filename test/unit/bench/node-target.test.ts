import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNodeRequest, peersDirFor, runsOnRequested, withoutNodeFlag } from '../../../bench/harness/node-target.js';
import { satisfiesPin } from '../../../bench/harness/peers.js';

describe('--node of npm run bench', () => {
  it('takes a major or an exact version, with or without a v', () => {
    expect(parseNodeRequest('22')).toBe('22');
    expect(parseNodeRequest('v22')).toBe('22');
    expect(parseNodeRequest('22.23.5')).toBe('22.23.5');
    expect(parseNodeRequest(' v24.22.3 ')).toBe('24.22.3');
  });

  it('refuses anything else instead of running on the current Node', () => {
    for (const value of ['', 'latest', '22.x', '22.23', 'node22', '22;rm']) {
      expect(() => parseNodeRequest(value)).toThrow(/--node must be a Node.js major \(22\) or version/);
    }
  });

  it('runs here when the running Node is the one asked for, by major or exactly', () => {
    expect(runsOnRequested('22', '22.23.5')).toBe(true);
    expect(runsOnRequested('22.23.5', '22.23.5')).toBe(true);
    expect(runsOnRequested('22', '20.20.2')).toBe(false);
    expect(runsOnRequested('2', '22.23.5')).toBe(false);
    expect(runsOnRequested('22.23.4', '22.23.5')).toBe(false);
  });

  it('hands every other flag on, in order', () => {
    expect(withoutNodeFlag(['--node', '22', '--quick', '--only', 'kafkajs'])).toEqual(['--quick', '--only', 'kafkajs']);
    expect(withoutNodeFlag(['--runs', '3', '--node=22.23.5', '--profile'])).toEqual(['--runs', '3', '--profile']);
    expect(withoutNodeFlag([])).toEqual([]);
  });
});

describe('the peers folder the benchmark loads its peer clients from', () => {
  const bench = '/repo/bench';
  const having =
    (...dirs: string[]) =>
    (path: string): boolean =>
      dirs.some((dir) => path === join(bench, dir, 'package.json'));

  it('is bench/peers-node<major>/ under a Node that has one', () => {
    expect(peersDirFor(bench, '22.23.5', having('peers-node22'))).toBe(join(bench, 'peers-node22'));
  });

  it('is bench/ itself under a Node that has none, the project’s own included', () => {
    expect(peersDirFor(bench, '20.20.2', having('peers-node22'))).toBe(bench);
    expect(peersDirFor(bench, '24.22.3', having('peers-node22'))).toBe(bench);
  });

  it('needs the folder’s package.json, not a leftover node_modules', () => {
    expect(peersDirFor(bench, '22.23.5', (path) => path === join(bench, 'peers-node22', 'node_modules'))).toBe(bench);
  });
});

describe('whether the installed peer clients are the pinned ones', () => {
  it('needs an exact pin to be the installed release, so a bumped pin reinstalls', () => {
    expect(satisfiesPin('2.12.1', '2.12.1')).toBe(true);
    expect(satisfiesPin('2.12.1', '1.22.0')).toBe(false);
  });

  it('needs the package installed at all', () => {
    expect(satisfiesPin('2.12.1', undefined)).toBe(false);
    expect(satisfiesPin(undefined, undefined)).toBe(false);
  });

  it('leaves a range to npm', () => {
    expect(satisfiesPin('^2.0.0', '2.12.1')).toBe(true);
    expect(satisfiesPin(undefined, '2.2.4')).toBe(true);
  });
});
