import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { speedTable } from '../../../bench/report/markdown.js';
import type { BenchResults, ContenderSummary } from '../../../bench/report/results.js';
import { valueWork } from '../../../bench/harness/value-work.js';

const contender = (
  id: string,
  client: string,
  work: 'json' | 'telemetry',
  recordsPerSecond: number,
  cpu: number,
): ContenderSummary => ({
  id,
  label: id,
  work: '',
  client,
  valueWork: work,
  runs: [],
  errors: [],
  mainThreadCpuMicrosPerRecord: undefined,
  recordsPerSecond: { median: recordsPerSecond, min: recordsPerSecond, max: recordsPerSecond },
  cpuMicrosPerRecord: { median: cpu, min: cpu, max: cpu },
  peakRssBytes: undefined,
});

const rows = (table: string): string[][] =>
  table
    .split('\n')
    .slice(2)
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );

describe('speed table', () => {
  it('puts each client’s JSON.parse and typed telemetry speeds side by side, CPU against the raw loop’s', () => {
    const results = {
      contenders: [
        contender('rdkafka-batch', 'raw', 'json', 100_000, 10),
        contender('kafkajs', 'kafkajs', 'json', 150_000, 7),
        contender('rdkafka-batch-typed', 'raw', 'telemetry', 60_000, 16),
        contender('kafkajs-typed', 'kafkajs', 'telemetry', 75_000, 13),
        contender('goodwe-kafka', 'goodwe-kafka', 'telemetry', 50_000, 18),
      ],
    } as unknown as BenchResults;
    expect(rows(speedTable(results))).toStrictEqual([
      ['raw', '100,000', '60,000', '0.60', '10.0', '16.0', '1.60'],
      ['kafkajs', '150,000', '75,000', '0.50', '7.0', '13.0', '1.30'],
      ['goodwe-kafka', '—', '50,000', '—', '—', '18.0', '1.80'],
    ]);
  });
});

describe('value work', () => {
  const message = Buffer.from(JSON.stringify([{ sn: 'GW1', pac: 1 }, { sn: 'GW2' }]));

  it('parses JSON for the client-speed rows and decodes telemetry records for the typed rows', () => {
    expect(valueWork('json')(message)).toBe(1);
    expect(valueWork('telemetry')(message)).toBe(2);
  });

  it('fails a typed run on a message that is not telemetry, rather than timing a no-op', () => {
    expect(() => valueWork('telemetry')(Buffer.from('{"pac":1}'))).toThrow(/serial number/);
  });
});
