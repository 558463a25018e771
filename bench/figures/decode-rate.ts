import type { DecodeJob, DecodeResult } from '../decode/measure.js';
import { runChild } from '../harness/run-child.js';
import { int } from '../harness/format.js';
import type { Figure } from './figure.js';

const target = 0.7;

/**
 * Decoder alone against bare JSON.parse of the same bytes (SPEC: at least 0.7 ×), on the topic's
 * messages and on the three-family mixture: both must meet the target.
 */
export const decodeRateFigure: Figure = {
  id: 'decode-rate',
  title: 'Decoder alone vs bare `JSON.parse`',
  target: `≥ ${target} × JSON.parse, topic and mixture`,
  async measure({ records, quick, signal }) {
    const job: DecodeJob = quick ? { records, perRound: 50_000, rounds: 4 } : { records, perRound: 200_000, rounds: 7 };
    const { result } = await runChild<DecodeResult>('decode/measure.ts', [JSON.stringify(job)], {
      timeoutMs: 300_000,
      signal,
    });
    if (!result) throw new Error('decode/measure.ts sent no result');
    const { topic, mixture } = result;
    return {
      value: `${int(topic.decode)}/s (JSON.parse ${int(topic.parse)}/s)`,
      ratio: `${topic.ratio.toFixed(2)} × JSON.parse (mixture ${mixture.ratio.toFixed(2)} ×)`,
      met: topic.ratio >= target && mixture.ratio >= target,
      numbers: {
        decodePerSecond: topic.decode,
        jsonParsePerSecond: topic.parse,
        ratio: topic.ratio,
        meanBytes: topic.meanBytes,
        mixtureDecodePerSecond: mixture.decode,
        mixtureJsonParsePerSecond: mixture.parse,
        mixtureRatio: mixture.ratio,
      },
      detail:
        `In one process, alternating rounds of ${int(job.perRound)} messages, median of ${job.rounds - 1} ` +
        `after a warm-up round; both include UTF-8 decoding. Measured on the topic's first 2,000 messages ` +
        `(${topic.meanBytes.toFixed(0)} bytes on average); on the three-family mixture of bench/decode/payloads.ts ` +
        `the ratio is ${mixture.ratio.toFixed(2)}.`,
    };
  },
};
