// The decode figure's child: decoder against bare JSON.parse on the benchmark topic's own
// payloads (the first messages of its simulation) and on the three-family mixture of payloads.ts.
// Usage: npx tsx bench/decode/measure.ts '{"records":1000000,"perRound":200000,"rounds":7}'
import { childMain } from '../harness/child-main.js';
import { compareDecode, meanBytes, type Comparison, type CompareOptions } from './compare.js';
import { payloads } from './payloads.js';
import { topicPayloads } from './topic-payloads.js';

/** The job: the topic's record count (which fixes its simulation) and the amount of work. */
export interface DecodeJob extends CompareOptions {
  records: number;
}

/** Both comparisons, with the mean message size of each sample. */
export interface DecodeResult {
  topic: Comparison & { meanBytes: number };
  mixture: Comparison & { meanBytes: number };
}

childMain<DecodeJob, DecodeResult>(async ({ records, perRound, rounds }) => {
  const topic = topicPayloads(records);
  const mixture = payloads(999);
  return {
    topic: { ...compareDecode(topic, { perRound, rounds }), meanBytes: meanBytes(topic) },
    mixture: { ...compareDecode(mixture, { perRound, rounds }), meanBytes: meanBytes(mixture) },
  };
});
