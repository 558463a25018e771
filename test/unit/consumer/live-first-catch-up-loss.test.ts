import { afterEach, describe, expect, it } from 'vitest';
import type { DataLossError } from '../../../src/errors/data-loss-error.js';
import { FakeGroupConsumer, Hold } from '../../support/fake-group-consumer.js';
import { consumerOnFake, eventually, readingsOf } from '../../support/fake-consumer.js';
import { backfillReadsFrom } from '../../support/backfill-reads.js';

const topic = 'ACME01';
const p0 = { topic, partition: 0 };
/** The Kafka time the fake gives the record at `offset`. */
const timeOf = (offset: number): Date => new Date(Date.UTC(2026, 10, 20) + offset * 60_000);

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/**
 * A partition whose last run left offsets 50..99 owed in the commit metadata and committed the
 * live position 150, assigned while reading that commit is held up.
 */
function ownedWithMetadataHeld(): { fake: FakeGroupConsumer; metadataRead: Hold } {
  const fake = new FakeGroupConsumer();
  fake.produce(0, readingsOf('SN1', 200));
  fake.setCommitted(p0, 150, 'gwk-backfill:v1:50-100');
  const metadataRead = new Hold();
  fake.committedHold = metadataRead;
  return { fake, metadataRead };
}

/**
 * That partition's consumer, seeked to offset 160 before the loop takes a record (so none waits
 * for the read of the commit), with a hold for the loop body; everything is released at the end.
 */
async function seekedWhileMetadataHeld() {
  const { fake, metadataRead } = ownedWithMetadataHeld();
  const bodyHeld = new Hold();
  const consumer = consumerOnFake(fake, {}, backfillReadsFrom(fake));
  closers.push(() => {
    bodyHeld.release();
    metadataRead.release();
    return consumer.close();
  });
  await consumer.seekToTime(timeOf(160));
  return { fake, metadataRead, bodyHeld, consumer };
}

describe('live-first catch-up: what must never be lost', () => {
  it('commits nothing over a pending backfill while its commit metadata is still being read, even after a seek let records through', async () => {
    const { fake, metadataRead, bodyHeld, consumer } = await seekedWhileMetadataHeld();
    const seen: string[] = [];
    const loop = (async () => {
      for await (const record of consumer) {
        seen.push(record.offset);
        if (record.offset === '165') await bodyHeld.promise;
      }
    })();
    await eventually(() => seen.length === 6, 'the body finished 160..164 and holds 165');
    fake.revoke([p0]);
    // The next owner must still find 50..99 owed.
    expect(fake.committedMetadata(p0)).toBe('gwk-backfill:v1:50-100');
    bodyHeld.release();
    metadataRead.release();
    await consumer.close();
    await loop;
  });

  it('commits no live offset past one a body has not finished when the commit metadata arrives after a seek', async () => {
    const { fake, metadataRead, bodyHeld, consumer } = await seekedWhileMetadataHeld();
    const seen: string[] = [];
    const loop = (async () => {
      for await (const record of consumer) {
        seen.push(`${record.offset}:${record.source}`);
        await bodyHeld.promise;
      }
    })();
    await eventually(() => seen.length === 1, 'the body holds the first record after the seek');
    expect(seen).toEqual(['160:live']);
    metadataRead.release();
    await eventually(() => consumer.stats().backfillTotal === 50, 'the pending backfill was resumed');
    fake.revoke([p0]);
    // 160 is in a body and 161..199 are buffered: the next owner must read them again.
    expect(fake.committedOffset(p0)).toBe(160);
    expect(fake.committedMetadata(p0)).toBe('gwk-backfill:v1:50-100');
    bodyHeld.release();
    await consumer.close();
    await loop;
  });

  it('resumes a pending backfill whose commit metadata could only be read at the second try, after a seek', async () => {
    const fake = new FakeGroupConsumer();
    fake.produce(0, readingsOf('SN1', 200));
    fake.setCommitted(p0, 150, 'gwk-backfill:v1:50-100');
    fake.failNextCommitted = 2; // the read at assignment and its first retry
    const consumer = consumerOnFake(fake, {}, backfillReadsFrom(fake));
    closers.push(() => consumer.close());
    // Seeked while the consumer waits to read the commit again.
    await consumer.seekToTime(timeOf(160));
    const seen = new Set<string>();
    const loop = (async () => {
      for await (const record of consumer) seen.add(`${record.offset}:${record.source}`);
    })();
    await eventually(() => seen.size === 90, 'the live records and the pending range were delivered', 4000);
    void consumer.close();
    await loop;
    for (let o = 50; o < 100; o++) expect(seen.has(`${o}:backfill`)).toBe(true);
    expect(fake.committedMetadata(p0)).toBeUndefined();
    expect(fake.committedOffset(p0)).toBe(200);
  });

  it('reports the records of a pending backfill range that retention deleted before they were read', async () => {
    const fake = new FakeGroupConsumer();
    fake.produce(0, readingsOf('SN1', 200));
    fake.setCommitted(p0, 150, 'gwk-backfill:v1:50-100');
    fake.deleteBefore(p0, 70);
    const losses: DataLossError[] = [];
    const consumer = consumerOnFake(
      fake,
      { onDataLoss: (error) => losses.push(error as DataLossError) },
      backfillReadsFrom(fake),
    );
    closers.push(() => consumer.close());
    const seen = new Set<string>();
    for await (const record of consumer) {
      seen.add(record.offset);
      if (seen.size === 80) break; // 70..99 backfilled, 150..199 live
    }
    await eventually(() => losses.length > 0, 'the loss was reported', 1000);
    expect(losses.map((loss) => [loss.partition, loss.from, loss.to])).toEqual([[0, '50', '70']]);
  });

  it('reports a committed offset that fell out of retention once when the partition jumps to its end', async () => {
    const fake = new FakeGroupConsumer();
    fake.produce(0, readingsOf('SN1', 100));
    fake.setCommitted(p0, 10);
    fake.deleteBefore(p0, 30);
    const losses: DataLossError[] = [];
    const consumer = consumerOnFake(
      fake,
      {
        catchUp: { mode: 'live-first', minLagRecords: 50 },
        onDataLoss: (error) => losses.push(error as DataLossError),
      },
      backfillReadsFrom(fake),
    );
    closers.push(() => consumer.close());
    const seen = new Set<string>();
    const loop = (async () => {
      for await (const record of consumer) {
        seen.add(`${record.offset}:${record.source}`);
        if (seen.size === 71) return; // 30..99 backfilled, 100 live
      }
    })();
    await eventually(() => consumer.stats().backfillTotal > 0, 'the partition jumped');
    fake.produce(0, readingsOf('SN1', 1, Date.UTC(2026, 10, 21)));
    await loop;
    expect(seen.has('100:live')).toBe(true);
    expect(losses.map((loss) => [loss.from, loss.to])).toEqual([['10', '30']]);
  });
  it('checks retention against a committed offset that could only be read at the second try', async () => {
    const fake = new FakeGroupConsumer();
    fake.produce(0, readingsOf('SN1', 100));
    fake.setCommitted(p0, 10);
    fake.deleteBefore(p0, 30);
    fake.failNextCommitted = 1;
    const losses: DataLossError[] = [];
    const consumer = consumerOnFake(
      fake,
      { onDataLoss: (error) => losses.push(error as DataLossError) },
      backfillReadsFrom(fake),
    );
    closers.push(() => consumer.close());
    const seen: string[] = [];
    for await (const record of consumer) {
      seen.push(record.offset);
      if (seen.length === 70) break;
    }
    expect(seen[0]).toBe('30');
    await eventually(() => losses.length > 0, 'the loss was reported', 1000);
    expect(losses.map((loss) => [loss.from, loss.to])).toEqual([['10', '30']]);
  });
});

describe('live-first catch-up: what must never be stranded', () => {
  it('resumes the backfill when the partition comes back while the read of the revoked assignment is ending', async () => {
    const fake = new FakeGroupConsumer();
    fake.produce(0, readingsOf('SN1', 100));
    fake.setCommitted(p0, 100, 'gwk-backfill:v1:10-100');
    const secondBatch = new Hold();
    let held = false;
    const consumer = consumerOnFake(
      fake,
      {},
      backfillReadsFrom(fake, async (index) => {
        if (index !== 1 || held) return;
        held = true;
        await secondBatch.promise;
      }),
    );
    closers.push(() => consumer.close());
    const seen = new Set<string>();
    const loop = (async () => {
      for await (const record of consumer) {
        seen.add(record.offset);
        if (seen.size === 90) break;
      }
    })();
    await eventually(() => seen.size === 10, 'the first batch was delivered');
    fake.revoke([p0]);
    // The group gives the partition back in the same turn as the old read gets its next batch:
    // that read ends after the new assignment's backfill was started.
    fake.assign([p0]);
    secondBatch.release();
    await eventually(() => seen.size === 90, 'every owed record was backfilled', 2000);
    await loop;
    expect(fake.committedMetadata(p0)).toBe('gwk-backfill:v1:99-100'); // the record in hand at the break
  });
});

describe('live-first catch-up with batches()', () => {
  it('keeps every backfilled offset of a batch whose body has not finished owed, and a new consumer delivers it again', async () => {
    const fake = new FakeGroupConsumer();
    fake.produce(0, readingsOf('SN1', 100));
    fake.setCommitted(p0, 10);
    const options = { catchUp: { mode: 'live-first' as const, minLagRecords: 50 } };
    const first = consumerOnFake(fake, options, backfillReadsFrom(fake));
    const bodyHeld = new Hold();
    closers.push(() => {
      bodyHeld.release();
      return first.close();
    });
    const batches: string[][] = [];
    const loop = (async () => {
      for await (const batch of first.batches({ maxRecords: 20, maxWaitMs: 20 })) {
        batches.push(batch.map((r) => `${r.offset}:${r.source}`));
        if (batches.length === 2) await bodyHeld.promise;
      }
    })();
    await eventually(() => batches.length === 2, 'the second batch is in its body');
    const held = batches[1]!.map((r) => Number(r.split(':')[0]));
    // The group moves the partition on (as after a kill -9, only what was committed counts).
    fake.revoke([p0]);
    const owed = /^gwk-backfill:v1:(\d+)-/.exec(fake.committedMetadata(p0) ?? '');
    expect(Number(owed?.[1])).toBeLessThanOrEqual(Math.min(...held));
    const committed = { offset: fake.committedOffset(p0)!, metadata: fake.committedMetadata(p0) };
    bodyHeld.release();
    await first.close();
    await loop;
    fake.setCommitted(p0, committed.offset, committed.metadata);
    fake.autoAssign = true;
    const second = consumerOnFake(fake, options, backfillReadsFrom(fake));
    closers.push(() => second.close());
    const again = new Set<number>();
    for await (const record of second) {
      again.add(Number(record.offset));
      if (held.every((o) => again.has(o))) break;
    }
    expect(held.every((o) => again.has(o))).toBe(true);
  });
});

describe('live-first catch-up with the smallest buffer', () => {
  it('delivers every skipped and every new record with maxBufferedRecords: 1', async () => {
    const fake = new FakeGroupConsumer();
    fake.produce(0, readingsOf('SN1', 100));
    fake.setCommitted(p0, 10);
    const consumer = consumerOnFake(
      fake,
      { maxBufferedRecords: 1, catchUp: { mode: 'live-first', minLagRecords: 50 } },
      backfillReadsFrom(fake),
    );
    closers.push(() => consumer.close());
    const seen = new Set<string>();
    const loop = (async () => {
      for await (const record of consumer) {
        seen.add(`${record.offset}:${record.source}`);
        if (seen.size === 110) return;
      }
    })();
    await eventually(() => consumer.stats().backfillTotal === 90, 'the partition jumped');
    fake.produce(0, readingsOf('SN1', 20, Date.UTC(2026, 10, 21)));
    await loop;
    for (let o = 10; o < 100; o++) expect(seen.has(`${o}:backfill`)).toBe(true);
    for (let o = 100; o < 120; o++) expect(seen.has(`${o}:live`)).toBe(true);
  });
});

describe('live-first catch-up with invalid messages in the skipped range', () => {
  it('skips them (counted) without holding the frontier, so the backfill ends with nothing owed', async () => {
    const fake = new FakeGroupConsumer();
    const readings = readingsOf('SN1', 100).map((r, i) => (i % 10 === 5 ? { value: 'not json' } : r));
    fake.produce(0, readings);
    fake.setCommitted(p0, 10);
    const consumer = consumerOnFake(
      fake,
      { catchUp: { mode: 'live-first', minLagRecords: 50 } },
      backfillReadsFrom(fake),
    );
    closers.push(() => consumer.close());
    const seen: string[] = [];
    for await (const record of consumer) {
      seen.push(`${record.offset}:${record.source}`);
      if (seen.length === 81) void consumer.close(); // 10..99 but the nine invalid ones
    }
    expect(seen.length).toBe(81);
    expect(consumer.stats().invalid).toBe(9);
    expect(fake.committedMetadata(p0)).toBeUndefined();
    expect(fake.committedOffset(p0)).toBe(100);
  });
});

describe('live-first catch-up after a second outage', () => {
  it('owes both the range an earlier run left pending and the newly skipped one, and backfills each once', async () => {
    const fake = new FakeGroupConsumer();
    fake.produce(0, readingsOf('SN1', 200));
    fake.setCommitted(p0, 100, 'gwk-backfill:v1:20-40');
    const readHeld = new Hold();
    const consumer = consumerOnFake(
      fake,
      { catchUp: { mode: 'live-first', minLagRecords: 50 } },
      backfillReadsFrom(fake, () => readHeld.promise),
    );
    closers.push(() => {
      readHeld.release();
      return consumer.close();
    });
    const seen: string[] = [];
    const loop = (async () => {
      for await (const record of consumer) {
        seen.push(`${record.offset}:${record.source}`);
        if (seen.length === 120) void consumer.close();
      }
    })();
    await eventually(() => consumer.stats().backfillTotal === 120, 'the partition jumped');
    await eventually(() => fake.committedOffset(p0) === 200, 'the jump point was committed');
    expect(fake.committedMetadata(p0)).toBe('gwk-backfill:v1:20-40,100-200');
    readHeld.release();
    await loop;
    const expected = [
      ...Array.from({ length: 20 }, (_, i) => `${20 + i}:backfill`),
      ...Array.from({ length: 100 }, (_, i) => `${100 + i}:backfill`),
    ];
    expect(seen).toEqual(expected);
    expect(fake.committedMetadata(p0)).toBeUndefined();
    expect(fake.committedOffset(p0)).toBe(200);
  });
});

describe('live-first catch-up revoked during its jump', () => {
  it('leaves the next assignment of the partition alone when the jump of the revoked one ends', async () => {
    const fake = new FakeGroupConsumer();
    fake.produce(0, readingsOf('SN1', 200));
    fake.setCommitted(p0, 60, 'gwk-backfill:v1:20-40');
    const jumping = new Hold();
    fake.seekHold = jumping;
    const consumer = consumerOnFake(
      fake,
      { catchUp: { mode: 'live-first', minLagRecords: 50 } },
      backfillReadsFrom(fake),
    );
    closers.push(() => {
      jumping.release();
      return consumer.close();
    });
    const seen = new Set<string>();
    const loop = (async () => {
      for await (const record of consumer) seen.add(`${record.offset}:${record.source}`);
    })();
    await eventually(() => fake.seeks.length === 1, 'the jump is seeking');
    fake.revoke([p0]);
    expect(fake.committedMetadata(p0)).toBe('gwk-backfill:v1:20-40');
    // The next assignment cannot learn its end (no jump then), so it resumes the pending range
    // and reads on from the commit.
    fake.failNextWatermarks = 2;
    fake.assign([p0]);
    // Its records wait in the queue: the loop is held up by the revoked assignment's record.
    await eventually(() => consumer.stats().buffered === 20, 'the pending range is queued');
    jumping.release();
    await eventually(() => seen.size === 160, 'every record was delivered', 1000).catch(() => undefined);
    void consumer.close();
    await loop;
    const missing = [
      ...Array.from({ length: 20 }, (_, i) => `${20 + i}:backfill`),
      ...Array.from({ length: 140 }, (_, i) => `${60 + i}:live`),
    ].filter((r) => !seen.has(r));
    expect(missing).toEqual([]);
  });
});
