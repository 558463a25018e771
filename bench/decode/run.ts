// Decoder throughput against bare JSON.parse of the same Buffers, in one run. Prints records/s and
// the ratio for the benchmark topic's payloads (as `npm run bench` measures them), the family
// mixture and each family.
// Usage: npx tsx bench/decode/run.ts [records-per-round]
import type { Buffer } from 'node:buffer';
import { int } from '../harness/format.js';
import { compareDecode, meanBytes } from './compare.js';
import { families, payloads } from './payloads.js';
import { topicPayloads } from './topic-payloads.js';

const perRound = Number(process.argv[2] ?? 200_000);
const rounds = 7;

const format = (value: number): string => int(value).padStart(10);
const suites: [string, Buffer[]][] = [
  ['topic', topicPayloads(1_000_000)],
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
  const bytes = meanBytes(messages);
  const { parse, decode, ratio } = compareDecode(messages, { perRound, rounds });
  console.log(
    `${name.padEnd(12)} ${bytes.toFixed(0).padStart(5)} ${format(parse).padStart(12)} ${format(decode)}  ${ratio.toFixed(2)}`,
  );
}
