import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isGoodweKafkaError } from '../../../src/errors/goodwe-kafka-error.js';
import { FileGapStateStore } from '../../../src/gaps/file-gap-state-store.js';
import { MemoryGapStateStore, type GapStateEntry } from '../../../src/gaps/gap-state-store.js';

const entries: GapStateEntry[] = [
  { serialNumber: '5010KETU229W0001', lastTimeMs: 1_795_000_000_000, cadenceMs: 300_000 },
  { serialNumber: '5010KETU229W0002', lastTimeMs: 1_795_000_060_000 },
];

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'gap-state-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('file gap state store', () => {
  it('round-trips the entries of a partition', async () => {
    const store = new FileGapStateStore(join(directory, 'nested'));
    await store.save('ACME01', 3, entries);
    expect(await new FileGapStateStore(join(directory, 'nested')).load('ACME01', 3)).toEqual(entries);
  });

  it('round-trips the gaps still open of an inverter, and loads a file written without any', async () => {
    const store = new FileGapStateStore(directory);
    const open: GapStateEntry[] = [
      entries[0]!,
      {
        ...entries[1]!,
        openGaps: [
          { fromMs: 1_795_000_000_000, toMs: 1_795_000_900_000, cadenceMs: 300_000, recovered: 1 },
          { fromMs: 1_795_001_000_000, toMs: 1_795_001_900_000, cadenceMs: 300_000, recovered: 0 },
        ],
      },
    ];
    await store.save('ACME01', 0, open);
    expect(await store.load('ACME01', 0)).toEqual(open);
    await writeFile(
      store.fileOf('ACME01', 1),
      JSON.stringify({ version: 1, topic: 'ACME01', partition: 1, entries: [['SN1', 5, null]] }),
    );
    expect(await store.load('ACME01', 1)).toEqual([{ serialNumber: 'SN1', lastTimeMs: 5 }]);
  });

  it('keeps partitions and topics apart, and loads nothing for one never saved', async () => {
    const store = new FileGapStateStore(directory);
    await store.save('ACME01', 0, entries);
    expect(await store.load('ACME01', 1)).toEqual([]);
    expect(await store.load('ACME02', 0)).toEqual([]);
  });

  it('replaces the file atomically, leaving no temporary file behind', async () => {
    const store = new FileGapStateStore(directory);
    await store.save('ACME01', 0, entries);
    await store.save('ACME01', 0, entries.slice(1));
    expect(await store.load('ACME01', 0)).toEqual(entries.slice(1));
    expect(await readdir(directory)).toEqual(['ACME01.0.json']);
  });

  it('drops a partition, and dropping one never saved is no error', async () => {
    const store = new FileGapStateStore(directory);
    await store.save('ACME01', 0, entries);
    await store.drop('ACME01', 0);
    await store.drop('ACME01', 7);
    expect(await store.load('ACME01', 0)).toEqual([]);
  });

  it.each([
    { name: 'not JSON', content: '{"version":1,' },
    { name: 'the wrong shape', content: '{"version":1,"topic":"ACME01","partition":0,"entries":[["x","y",null]]}' },
    { name: 'an unknown version', content: '{"version":2,"topic":"ACME01","partition":0,"entries":[]}' },
    { name: 'another partition', content: '{"version":1,"topic":"ACME01","partition":4,"entries":[]}' },
  ])('rejects a file holding $name with a GapStateError naming the file', async ({ content }) => {
    const store = new FileGapStateStore(directory);
    await writeFile(store.fileOf('ACME01', 0), content);
    const error: unknown = await store.load('ACME01', 0).catch((e: unknown) => e);
    expect(isGoodweKafkaError(error) && error.code).toBe('GWK_GAP_STATE');
    expect((error as Error).message).toContain(store.fileOf('ACME01', 0));
    expect((error as { retriable: boolean }).retriable).toBe(false);
  });

  it('reports a failed write as a retriable GapStateError naming the file', async () => {
    const blocked = join(directory, 'a-file');
    await writeFile(blocked, '');
    const store = new FileGapStateStore(blocked);
    await expect(store.save('ACME01', 0, entries)).rejects.toMatchObject({
      code: 'GWK_GAP_STATE',
      retriable: true,
      message: expect.stringContaining(store.fileOf('ACME01', 0)) as unknown,
    });
  });
});

describe('memory gap state store', () => {
  it('round-trips copies of the entries of a partition', async () => {
    const store = new MemoryGapStateStore();
    const saved = entries.map((entry) => ({ ...entry }));
    await store.save('ACME01', 0, saved);
    saved[0]!.lastTimeMs = 0;
    expect(await store.load('ACME01', 0)).toEqual(entries);
    await store.drop('ACME01', 0);
    expect(await store.load('ACME01', 0)).toEqual([]);
  });
});
