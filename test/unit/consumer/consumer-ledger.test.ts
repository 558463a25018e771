import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import type { DataLossError } from '../../../src/errors/data-loss-error.js';
import type { LogFields, Logger } from '../../../src/internal/logger.js';
import { FakeGroupConsumer, Hold } from '../../support/fake-group-consumer.js';
import { consumerOnFake, eventually, readingJson, readingsOf } from '../../support/fake-consumer.js';

const topic = 'ACME01';
const p0 = { topic, partition: 0 };
const p1 = { topic, partition: 1 };
const t0 = Date.UTC(2026, 10, 20, 6);
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A logger that keeps every line. */
function capturingLogger(): Logger & { lines: { level: string; fields: LogFields; message: string }[] } {
  const lines: { level: string; fields: LogFields; message: string }[] = [];
  const at =
    (level: string) =>
    (fields: LogFields, message: string): void => {
      lines.push({ level, fields, message });
    };
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

describe('the consumer core on a fake group consumer', () => {
  it('finishes an empty JSON array message, so the partition keeps committing past it', async () => {
    const fake = new FakeGroupConsumer();
    fake.produce(0, [{ value: readingJson('SN1', t0) }, { value: '[]' }, { value: readingJson('SN1', t0 + 60_000) }]);
    const consumer = consumerOnFake(fake);
    const seen: string[] = [];
    for await (const record of consumer) {
      seen.push(record.offset);
      if (seen.length === 2) void consumer.close();
    }
    expect(seen).toEqual(['0', '2']);
    expect(fake.committedOffset(p0)).toBe(3);
  });

  it('fetches a partition that was revoked while paused and assigned back after the consumer resumed', async () => {
    const fake = new FakeGroupConsumer();
    fake.produce(0, readingsOf('SN-A', 100));
    fake.produce(1, readingsOf('SN-B', 100));
    const consumer = consumerOnFake(fake, { maxBufferedRecords: 10, fetchBatchSize: 10 });
    closers.push(() => consumer.close());
    const hold = new Hold();
    const seen = new Set<string>();
    const loop = (async () => {
      for await (const record of consumer) {
        if (seen.size === 0) await hold.promise;
        seen.add(`${record.partition}:${record.offset}`);
        if (seen.size === 200) break;
      }
    })();
    // The body stays behind: the pump pauses both partitions.
    await eventually(() => fake.isPaused(p0) && fake.isPaused(p1), 'both partitions are paused');
    fake.revoke([p1]);
    hold.release();
    await eventually(() => !fake.isPaused(p0), 'the consumer resumed fetching');
    // librdkafka kept p1's pause flag; coming back, it must be resumed explicitly.
    fake.assign([p1]);
    await loop;
    expect([...seen].filter((k) => k.startsWith('1:'))).toHaveLength(100);
  });

  it('leaves no stale in-flight offset when a partition is revoked while its gap state is rebuilt', async () => {
    const fake = new FakeGroupConsumer();
    fake.produce(0, readingsOf('SN1', 20));
    fake.setCommitted(p0, 5);
    const firstRebuild = new Hold<{ serialNumber: string; timeMs: number }[]>();
    let rebuilds = 0;
    // Without de-duplication, which would hide a stale record delivered twice.
    const consumer = consumerOnFake(
      fake,
      { gaps: { dedupe: false } },
      { readLookback: () => (++rebuilds === 1 ? firstRebuild.promise : Promise.resolve([])) },
    );
    const seen: number[] = [];
    const loop = (async () => {
      for await (const record of consumer) {
        seen.push(Number(record.offset));
        if (seen.at(-1) === 19) void consumer.close();
      }
    })();
    await eventually(() => rebuilds === 1 && fake.fetches.length > 2, 'the first rebuild runs and records wait');
    fake.revoke([p0]);
    fake.assign([p0]);
    firstRebuild.release([]);
    await loop;
    expect(seen).toEqual(Array.from({ length: 15 }, (_, i) => 5 + i));
    expect(fake.committedOffset(p0)).toBe(20);
  });

  it('unassigns and goes on when onRevoke, onAssign or onDataLoss throw or reject', async () => {
    const fake = new FakeGroupConsumer();
    fake.produce(0, readingsOf('SN1', 10));
    fake.produce(1, readingsOf('SN2', 10));
    fake.setCommitted(p1, 2);
    fake.deleteBefore(p1, 4);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const consumer = consumerOnFake(
        fake,
        {
          onAssign: () => {
            throw new Error('onAssign broke');
          },
          onRevoke: () => {
            throw new Error('onRevoke broke');
          },
          onDataLoss: () => Promise.reject(new Error('onDataLoss broke')),
        },
        { readLookback: () => Promise.resolve([]) },
      );
      const seen: string[] = [];
      for await (const record of consumer) {
        seen.push(`${record.partition}:${record.offset}`);
        if (seen.length === 16) {
          fake.revoke([p0]);
          void consumer.close();
        }
      }
      await pause(20);
      expect(seen).toHaveLength(16);
      expect(fake.unassigned).toContainEqual(p0);
      expect(consumer.stats().callbackErrors).toBeGreaterThanOrEqual(3);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('lets a seek right after start supersede the gap-state rebuild, so replayed readings are not dropped as duplicates', async () => {
    const fake = new FakeGroupConsumer();
    fake.produce(0, readingsOf('SN1', 40));
    fake.setCommitted(p0, 20);
    const rebuild = new Hold<{ serialNumber: string; timeMs: number }[]>();
    const consumer = consumerOnFake(fake, {}, { readLookback: () => rebuild.promise });
    closers.push(() => consumer.close());
    const seen: number[] = [];
    const body = new Hold();
    const loop = (async () => {
      for await (const record of consumer) {
        seen.push(Number(record.offset));
        await body.promise;
        if (seen.length === 25) break;
      }
    })();
    // Back to offset 15: the five readings before the old committed offset come again.
    const [result] = await consumer.seekToTime(new Date(Date.UTC(2026, 10, 20) + 15 * 60_000));
    expect(result?.offset).toBe('15');
    // The rebuild finishes after the seek, with the readings before the old committed offset.
    rebuild.release(Array.from({ length: 20 }, (_, i) => ({ serialNumber: 'SN1', timeMs: t0 + i * 60_000 })));
    await pause(20);
    body.release();
    await loop;
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => 15 + i));
  });

  it("commits a quiet partition's last finished offset even after another partition was revoked", async () => {
    const fake = new FakeGroupConsumer();
    fake.produce(0, readingsOf('SN1', 5));
    fake.produce(1, readingsOf('SN2', 5));
    const consumer = consumerOnFake(fake, { commitIntervalMs: 60_000 });
    let count = 0;
    for await (const record of consumer) {
      void record;
      if (++count === 10) {
        fake.revoke([p0]);
        void consumer.close();
      }
    }
    expect(fake.committedOffset(p0)).toBe(5);
    expect(fake.committedOffset(p1)).toBe(5);
  });

  it('tries a failed commit again instead of counting it as done', async () => {
    const fake = new FakeGroupConsumer();
    fake.produce(0, readingsOf('SN1', 5));
    fake.failNextCommits = 2;
    const consumer = consumerOnFake(fake, { commitIntervalMs: 10, closeTimeoutMs: 100 });
    closers.push(() => consumer.close());
    let count = 0;
    const loop = (async () => {
      for await (const record of consumer) {
        void record;
        if (++count === 5) await new Promise(() => undefined); // the body of the last one never ends...
      }
    })();
    void loop;
    // ...so only the first four are finished: committed once the broker accepts a commit again.
    await eventually(() => fake.committedOffset(p0) === 4, 'offset 4 is committed');
    expect(consumer.stats().commitFailures).toBe(2);
  });

  it('reports records that retention deleted while the consumer was paused, with the lost range', async () => {
    const fake = new FakeGroupConsumer();
    fake.produce(0, readingsOf('SN1', 100));
    const losses: DataLossError[] = [];
    const consumer = consumerOnFake(fake, {
      maxBufferedRecords: 10,
      fetchBatchSize: 10,
      onDataLoss: (loss) => losses.push(loss as DataLossError),
    });
    const hold = new Hold();
    const seen = new Set<number>();
    const loop = (async () => {
      for await (const record of consumer) {
        if (seen.size === 0) await hold.promise;
        seen.add(Number(record.offset));
        if (record.offset === '99') break;
      }
    })();
    await eventually(() => fake.isPaused(p0), 'the partition is paused');
    fake.deleteBefore(p0, 60);
    hold.release();
    await loop;
    expect(losses).toHaveLength(1);
    const { from, to } = losses[0]!;
    expect(to).toBe('60');
    expect(consumer.stats().dataLoss).toBe(1);
    // Every offset was either delivered or reported lost.
    for (let offset = 0; offset < 100; offset++) {
      const reported = offset >= Number(from) && offset < Number(to);
      expect(seen.has(offset) || reported, `offset ${offset}`).toBe(true);
    }
  });

  it('checks retention on every partition when one has no committed offset, and logs no bogus rebuild failure', async () => {
    const fake = new FakeGroupConsumer();
    fake.produce(0, readingsOf('SN1', 10));
    fake.produce(1, readingsOf('SN2', 10));
    fake.setCommitted(p1, 3);
    fake.deleteBefore(p1, 6);
    const logger = capturingLogger();
    const losses: DataLossError[] = [];
    const consumer = consumerOnFake(
      fake,
      { logger, onDataLoss: (loss) => losses.push(loss as DataLossError) },
      { readLookback: () => Promise.resolve([]) },
    );
    let count = 0;
    for await (const record of consumer) {
      void record;
      if (++count === 14) void consumer.close();
    }
    expect(losses.map((l) => [l.partition, l.from, l.to])).toEqual([[1, '3', '6']]);
    expect(logger.lines.filter((l) => /failed/i.test(l.message))).toEqual([]);
  });

  it('removes its abort listener when closed, so a long-lived signal does not keep closed consumers', async () => {
    const fake = new FakeGroupConsumer();
    fake.produce(0, readingsOf('SN1', 3));
    const controller = new AbortController();
    for (let i = 0; i < 3; i++) {
      const consumer = consumerOnFake(fake, { signal: controller.signal });
      await consumer.close();
    }
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('ends iteration at once, without an error, when its signal was aborted before iterating', async () => {
    const fake = new FakeGroupConsumer();
    fake.produce(0, readingsOf('SN1', 3));
    const consumer = consumerOnFake(fake, { signal: AbortSignal.abort() });
    const seen: unknown[] = [];
    for await (const record of consumer) seen.push(record);
    expect(seen).toEqual([]);
    expect(consumer.health().state).toBe('closed');
  });

  it('closes within closeTimeoutMs while a seek is waiting for the broker', async () => {
    const fake = new FakeGroupConsumer();
    fake.produce(0, readingsOf('SN1', 5));
    fake.offsetsForTimesHold = new Hold();
    const consumer = consumerOnFake(fake, { closeTimeoutMs: 200 });
    const iterator = consumer[Symbol.asyncIterator]();
    await iterator.next();
    const seek = consumer.seekToTime(new Date(t0)).catch(() => undefined);
    await pause(20);
    const started = Date.now();
    await consumer.close();
    expect(Date.now() - started).toBeLessThan(5000);
    fake.offsetsForTimesHold.release();
    await seek;
  });
});

describe('TelemetryConsumer#gaps', () => {
  it('may be asked for before the loop starts, and ends when the consumer closes', async () => {
    const fake = new FakeGroupConsumer();
    fake.produce(0, readingsOf('SN1', 3));
    const consumer = consumerOnFake(fake);
    const events = consumer.gaps();
    const collected = (async () => {
      const seen: unknown[] = [];
      for await (const event of events) seen.push(event);
      return seen;
    })();
    let count = 0;
    for await (const record of consumer) {
      void record;
      if (++count === 3) void consumer.close();
    }
    expect(await collected).toEqual([]);
  });
});

describe('seeks that go wrong', () => {
  it('loses nothing when the seek itself fails: the partition goes on where it was', async () => {
    const fake = new FakeGroupConsumer();
    fake.produce(0, readingsOf('SN1', 100));
    fake.failNextSeeks = 1;
    const consumer = consumerOnFake(fake, { maxBufferedRecords: 10, fetchBatchSize: 10, gaps: { dedupe: false } });
    closers.push(() => consumer.close());
    const seen = new Set<number>();
    let seekFailed = false;
    for await (const record of consumer) {
      seen.add(Number(record.offset));
      if (seen.size === 1) {
        seekFailed = await consumer.seekToTime(new Date(Date.UTC(2026, 10, 20) + 50 * 60_000)).then(
          () => false,
          () => true,
        );
      }
      if (seen.size === 100) void consumer.close();
    }
    expect(seekFailed).toBe(true);
    expect(seen.size).toBe(100);
    expect(fake.committedOffset(p0)).toBe(100);
  });

  it('yields the resolved offset first after a seek made while the fetch loop waited for the body', async () => {
    const fake = new FakeGroupConsumer();
    fake.produce(0, readingsOf('SN1', 200));
    const consumer = consumerOnFake(fake, { maxBufferedRecords: 10, fetchBatchSize: 10, gaps: { dedupe: false } });
    closers.push(() => consumer.close());
    const after: number[] = [];
    let sought = false;
    for await (const record of consumer) {
      if (!sought) {
        // The buffer filled and the fetch loop waits for the body to drain it.
        await eventually(() => fake.isPaused(p0), 'the fetch loop waits, paused');
        const [result] = await consumer.seekToTime(new Date(Date.UTC(2026, 10, 20) + 150 * 60_000));
        expect(result?.offset).toBe('150');
        sought = true;
        continue;
      }
      after.push(Number(record.offset));
      if (after.length === 50) void consumer.close();
    }
    expect(after).toEqual(Array.from({ length: 50 }, (_, i) => 150 + i));
  });

  it('follows the client when it goes back to an earlier offset by itself, handing out nothing stale', async () => {
    const fake = new FakeGroupConsumer();
    fake.produce(0, readingsOf('SN1', 60));
    const consumer = consumerOnFake(fake, { maxBufferedRecords: 10, fetchBatchSize: 10, gaps: { dedupe: false } });
    closers.push(() => consumer.close());
    const afterMove: number[] = [];
    let movedBack = false;
    for await (const record of consumer) {
      if (movedBack) afterMove.push(Number(record.offset));
      if (record.offset === '30' && !movedBack) {
        movedBack = true;
        fake.setPosition(p0, 20); // e.g. assigned again from an older commit within one fetch
      }
      if (record.offset === '59') void consumer.close();
    }
    // Records fetched before the client moved may still come (31, 32, ...); once the consumer saw
    // the move, nothing buffered from the old position is handed out: 20 to 59 follow in order.
    const moved = afterMove.indexOf(20);
    expect(afterMove.slice(0, moved)).toEqual(Array.from({ length: moved }, (_, i) => 31 + i));
    expect(afterMove.slice(moved)).toEqual(Array.from({ length: 40 }, (_, i) => 20 + i));
    expect(fake.committedOffset(p0)).toBe(60);
  });
});
