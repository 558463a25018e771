import { randomUUID } from 'node:crypto';
import type { SlowBodyJob, SlowBodyResult } from '../backlog/slow-body.js';
import { runChild } from '../harness/run-child.js';
import { int, mb } from '../harness/format.js';
import type { Figure } from './figure.js';

const limitBytes = 300 * 2 ** 20;
/** "Flat": the highest RSS of the window's second half is at most this much above the first half's. */
const flatTolerance = 1.1;

const maxOf = (samples: readonly [number, number][]): number => Math.max(0, ...samples.map(([, rss]) => rss));

/**
 * RSS of this library's consumer with the whole topic as a backlog and a slow body (SPEC: flat,
 * under 300 MB): the body awaits 1 ms every few records, slow enough that at most half the topic
 * can be read in the window, so the fetcher keeps running into the buffer's bounds.
 */
export const backlogRssFigure: Figure = {
  id: 'backlog-rss',
  title: 'RSS with a backlog and a slow body',
  target: 'flat, < 300 MB',
  async measure({ bootstrap, topic, records, quick, signal }) {
    const windowMs = quick ? 10_000 : 20_000;
    // At most `awaitEvery` records per millisecond: half the topic at the very most.
    const awaitEvery = Math.max(1, Math.floor(records / 2 / windowMs));
    const groupId = `bench-backlog-${randomUUID()}`;
    const job: SlowBodyJob = { bootstrap, topic, groupId, records, windowMs, awaitEvery };
    const { result } = await runChild<SlowBodyResult>('backlog/slow-body.ts', [JSON.stringify(job)], {
      timeoutMs: windowMs + 120_000,
      signal,
    });
    if (!result) throw new Error('backlog/slow-body.ts sent no result');
    const { samples, consumed, buffered, drained } = result;
    const half = windowMs / 2;
    const max = maxOf(samples);
    const firstHalf = maxOf(samples.filter(([at]) => at < half));
    const secondHalf = maxOf(samples.filter(([at]) => at >= half));
    const flat = secondHalf <= firstHalf * flatTolerance;
    return {
      value: `max ${mb(max)} (first half ${mb(firstHalf)}, second half ${mb(secondHalf)})`,
      // Under --quick the window is too short to tell a plateau from the heap still growing into its size.
      met: drained || quick ? undefined : max < limitBytes && flat,
      series: { rssBytes: samples },
      numbers: {
        maxRssBytes: max,
        firstHalfMaxRssBytes: firstHalf,
        secondHalfMaxRssBytes: secondHalf,
        consumed,
        buffered,
      },
      detail:
        `${int(records)}-record backlog (a fresh group on the benchmark topic), body awaits 1 ms every ` +
        `${awaitEvery} records; RSS sampled every 250 ms for ${windowMs / 1000} s from the first record. ` +
        `${int(consumed)} records read in the window, ${int(buffered)} buffered at its end` +
        `${drained ? '; the topic ran out before the window did, so this is not a backlog measurement' : ''}. ` +
        `"Flat" means the second half's maximum is at most ${Math.round((flatTolerance - 1) * 100)}% above the first half's` +
        `${quick ? '; not judged under --quick, whose window is too short' : ''}.`,
    };
  },
};
