// Decoder throughput against bare JSON.parse of the same Buffers, in one process. Both include
// the UTF-8 decoding step. Shared by `npm run bench:decode` and the decode figure of `npm run bench`.
import type { Buffer } from 'node:buffer';
import { performance } from 'node:perf_hooks';
import { decodeTelemetry } from '../../src/telemetry/decode-telemetry.js';
import { spread } from '../harness/spread.js';

/** How much work one comparison does. */
export interface CompareOptions {
  /** Messages decoded per round and contender. */
  perRound: number;
  /** Rounds per contender; the first one only warms the JIT up and is not counted. */
  rounds: number;
}

/** Median rates of one comparison, in messages per second. */
export interface Comparison {
  parse: number;
  decode: number;
  /** `decode / parse`. */
  ratio: number;
}

let sink = 0; // keeps results alive so the work is not optimised away

const jsonParse = (bytes: Buffer): void => {
  sink += (JSON.parse(bytes.toString('utf8')) as object) ? 1 : 0;
};
const decode = (bytes: Buffer): void => {
  const result = decodeTelemetry(bytes);
  if (!result.ok) throw result.error;
  sink += result.records.length;
};

function rate(messages: readonly Buffer[], perRound: number, run: (bytes: Buffer) => void): number {
  const started = performance.now();
  for (let index = 0; index < perRound; index++) run(messages[index % messages.length] as Buffer);
  return perRound / ((performance.now() - started) / 1000);
}

/** Mean size of the messages in bytes. */
export const meanBytes = (messages: readonly Buffer[]): number =>
  messages.reduce((sum, message) => sum + message.byteLength, 0) / messages.length;

/** Measures both contenders in alternating rounds, so drift (GC, other load) hits them alike. */
export function compareDecode(messages: readonly Buffer[], { perRound, rounds }: CompareOptions): Comparison {
  const parse: number[] = [];
  const decoded: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const parseRate = rate(messages, perRound, jsonParse);
    const decodeRate = rate(messages, perRound, decode);
    if (round === 0) continue;
    parse.push(parseRate);
    decoded.push(decodeRate);
  }
  if (sink === -1) console.log(sink);
  const result = { parse: spread(parse)?.median ?? 0, decode: spread(decoded)?.median ?? 0 };
  return { ...result, ratio: result.decode / result.parse };
}
