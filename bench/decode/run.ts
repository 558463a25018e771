// Decoder throughput against bare JSON.parse of the same Buffers, in one run. Both include the
// UTF-8 decoding step. Prints records/s and the ratio for the family mixture and each family.
// Usage: npx tsx bench/decode/run.ts [records-per-round]
import type { Buffer } from 'node:buffer';
import { performance } from 'node:perf_hooks';
import { decodeTelemetry } from '../../src/telemetry/decode-telemetry.js';
import { families, payloads } from './payloads.js';

const perRound = Number(process.argv[2] ?? 200_000);
const rounds = 7; // the first one only warms the JIT up

let sink = 0; // keeps results alive so the work is not optimised away

const jsonParse = (bytes: Buffer): void => {
  sink += (JSON.parse(bytes.toString('utf8')) as object) ? 1 : 0;
};
const decode = (bytes: Buffer): void => {
  const result = decodeTelemetry(bytes);
  if (!result.ok) throw result.error;
  sink += result.records.length;
};

function rate(messages: readonly Buffer[], run: (bytes: Buffer) => void): number {
  const started = performance.now();
  for (let index = 0; index < perRound; index++) run(messages[index % messages.length] as Buffer);
  return perRound / ((performance.now() - started) / 1000);
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** Measures both contenders in alternating rounds, so drift (GC, other load) hits them alike. */
function compare(messages: readonly Buffer[]): { parse: number; decode: number } {
  const parse: number[] = [];
  const decoded: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const parseRate = rate(messages, jsonParse);
    const decodeRate = rate(messages, decode);
    if (round === 0) continue;
    parse.push(parseRate);
    decoded.push(decodeRate);
  }
  return { parse: median(parse), decode: median(decoded) };
}

const format = (value: number): string => Math.round(value).toLocaleString('en-US').padStart(10);
const suites: [string, Buffer[]][] = [
  ['mixture', payloads(999)],
  ...(Object.keys(families) as (keyof typeof families)[]).map((name): [string, Buffer[]] => [
    name,
    payloads(999, [name]),
  ]),
];

console.log(`${perRound} records per round, median of ${rounds - 1} rounds`);
console.log(
  `${'payloads'.padEnd(12)} ${'bytes'.padStart(5)} ${'JSON.parse/s'.padStart(12)} ${'decode/s'.padStart(10)}  ratio`,
);
for (const [name, messages] of suites) {
  const bytes = messages.reduce((sum, message) => sum + message.byteLength, 0) / messages.length;
  const { parse, decode: decodeRate } = compare(messages);
  const ratio = (decodeRate / parse).toFixed(2);
  console.log(
    `${name.padEnd(12)} ${bytes.toFixed(0).padStart(5)} ${format(parse).padStart(12)} ${format(decodeRate)}  ${ratio}`,
  );
}
if (sink === -1) console.log(sink);
