import { afterEach, describe, expect, it } from 'vitest';
import { readingFingerprint } from '../../../src/gaps/reading-fingerprint.js';
import type { InverterTelemetry } from '../../../src/telemetry/inverter-telemetry-schema.js';
import type { TelemetryRecord } from '../../../src/records/telemetry-record.js';
import { FakeGroupConsumer, Hold } from '../../support/fake-group-consumer.js';
import { consumerOnFake, eventually, readingsOf } from '../../support/fake-consumer.js';
import { backfillReadsFrom } from '../../support/backfill-reads.js';

const topic = 'ACME01';
const p0 = { topic, partition: 0 };
const liveFirst = { catchUp: { mode: 'live-first' as const, minLagRecords: 50 } };

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

const readsFrom = backfillReadsFrom;

/**
 * A live-first consumer of a partition 90 records behind (100 readings, 10 committed), whose
 * backfill reads wait for `beforeBatch`; closed after the test.
 */
function ninetyBehind(beforeBatch?: (index: number) => Promise<void>) {
  const fake = new FakeGroupConsumer();
  fake.produce(0, readingsOf('SN1', 100));
  fake.setCommitted(p0, 10);
  const consumer = consumerOnFake(fake, liveFirst, readsFrom(fake, beforeBatch));
  closers.push(() => consumer.close());
  return { fake, consumer };
}

describe('live-first catch-up on a fake group consumer', () => {
  it('jumps a partition far behind to its end, delivers new records while the backfill waits, then backfills every skipped reading once', async () => {
    const backfillHeld = new Hold();
    const { fake, consumer } = ninetyBehind(() => backfillHeld.promise);
    const seen: TelemetryRecord<InverterTelemetry>[] = [];
    const loop = (async () => {
      for await (const record of consumer) {
        seen.push(record);
        if (seen.length === 95) break;
      }
    })();
    await eventually(() => consumer.stats().backfillTotal === 90, 'the partition jumped');
    fake.produce(0, readingsOf('SN1', 5, Date.UTC(2026, 10, 21, 6)));
    await eventually(() => seen.length === 5, 'the new records arrived');
    expect(seen.map((r) => [r.offset, r.source])).toEqual([100, 101, 102, 103, 104].map((o) => [String(o), 'live']));
    backfillHeld.release();
    await loop;
    const backfilled = seen.filter((r) => r.source === 'backfill').map((r) => Number(r.offset));
    expect(backfilled).toEqual(Array.from({ length: 90 }, (_, i) => 10 + i));
    await consumer.close();
    // The live position is committed; the backfilled record in hand at the break is still owed.
    expect(fake.committedOffset(p0)).toBe(105);
    expect(fake.committedMetadata(p0)).toBe('gwk-backfill:v1:99-100');
  });

  it('reads on from the commit when the lag is below minLagRecords', async () => {
    const fake = new FakeGroupConsumer();
    fake.produce(0, readingsOf('SN1', 40));
    fake.setCommitted(p0, 10);
    const consumer = consumerOnFake(fake, liveFirst, readsFrom(fake));
    closers.push(() => consumer.close());
    const seen: string[] = [];
    for await (const record of consumer) {
      seen.push(`${record.offset}:${record.source}`);
      if (seen.length === 30) break;
    }
    expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => `${10 + i}:live`));
  });

  it('keeps the pending range in the commit metadata on revoke, hands out no backfill record of the old epoch, and resumes it when the partition comes back', async () => {
    const revoked = new Hold();
    // The fourth batch is read only after the revoke: its records belong to the old epoch.
    const { fake, consumer } = ninetyBehind((index) => (index === 3 ? revoked.promise : Promise.resolve()));
    const seen: TelemetryRecord<InverterTelemetry>[] = [];
    let revokedAt: number | undefined;
    const loop = (async () => {
      for await (const record of consumer) {
        seen.push(record);
        if (seen.length === 25 && revokedAt === undefined) {
          fake.revoke([p0]);
          revokedAt = seen.length;
          revoked.release();
        }
        if (revokedAt !== undefined && seen.length === revokedAt + 66) break;
      }
    })();
    await eventually(() => revokedAt !== undefined, 'the partition was revoked mid-backfill');
    // Everything before the record in hand was finished: that is where the next owner resumes.
    expect(fake.committedOffset(p0)).toBe(100);
    expect(fake.committedMetadata(p0)).toBe('gwk-backfill:v1:34-100');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen.length).toBe(revokedAt);
    fake.assign([p0]);
    await loop;
    const after = seen.slice(revokedAt).map((r) => `${r.offset}:${r.source}`);
    expect(after).toEqual(Array.from({ length: 66 }, (_, i) => `${34 + i}:backfill`));
    const offsets = new Set(seen.map((r) => Number(r.offset)));
    for (let o = 10; o < 100; o++) expect(offsets.has(o)).toBe(true);
  });

  it('keeps owing the skipped records below a seek position and leaves the ones above it to the live stream', async () => {
    const seeked = new Hold();
    const { fake, consumer } = ninetyBehind((index) => (index === 2 ? seeked.promise : Promise.resolve()));
    const seen: TelemetryRecord<InverterTelemetry>[] = [];
    const loop = (async () => {
      for await (const record of consumer) {
        seen.push(record);
        if (seen.length === 20) {
          // Back to offset 60 (its Kafka time): 60..99 come again live; 30..59 are still owed.
          await consumer.seekToTime(new Date(Date.UTC(2026, 10, 20) + 60 * 60_000));
          seeked.release();
        }
        if (new Set(seen.map((r) => r.offset)).size === 90) break;
      }
    })();
    await loop;
    const afterSeek = seen.slice(20);
    expect(afterSeek.filter((r) => r.source === 'live').map((r) => Number(r.offset))).toEqual(
      Array.from({ length: 40 }, (_, i) => 60 + i),
    );
    expect(afterSeek.filter((r) => r.source === 'backfill').map((r) => Number(r.offset))).toEqual(
      Array.from({ length: 31 }, (_, i) => 29 + i),
    );
    await consumer.close();
    expect(fake.committedMetadata(p0)).toBe('gwk-backfill:v1:59-60'); // the record in hand at the break
    expect(fake.committedOffset(p0)).toBe(100);
  });

  it('leaves a backfilled record whose body threw pending, and a new consumer delivers it again', async () => {
    const fake = new FakeGroupConsumer();
    fake.produce(0, readingsOf('SN1', 100));
    fake.setCommitted(p0, 10);
    const first = consumerOnFake(fake, liveFirst, readsFrom(fake));
    let count = 0;
    await expect(
      (async () => {
        for await (const record of first) {
          if (++count === 15) throw new Error(`could not store ${record.offset}`);
        }
      })(),
    ).rejects.toThrow('could not store 24');
    expect(fake.committedMetadata(p0)).toBe('gwk-backfill:v1:24-100');
    fake.autoAssign = true;
    const second = consumerOnFake(fake, liveFirst, readsFrom(fake));
    closers.push(() => second.close());
    const again: string[] = [];
    for await (const record of second) {
      again.push(`${record.offset}:${record.source}`);
      if (again.length === 76) break;
    }
    expect(again).toEqual(Array.from({ length: 76 }, (_, i) => `${24 + i}:backfill`));
  });

  it('resumes a backfill an earlier run left in the commit metadata, without taking the readings still owed for delivered', async () => {
    const fake = new FakeGroupConsumer();
    const readings = readingsOf('SN1', 100);
    fake.produce(0, readings);
    fake.setCommitted(p0, 100, 'gwk-backfill:v1:95-100');
    // What the log before the committed offset holds: a gap-state rebuild from it would mark
    // the last readings before it (95..99) as delivered, and de-duplication would drop their backfill.
    const lookback = readings.map((r) => {
      const raw = JSON.parse(r.value) as { sn: string; last_time: number };
      return { serialNumber: raw.sn, timeMs: raw.last_time, fingerprint: readingFingerprint(raw) };
    });
    const consumer = consumerOnFake(fake, {}, { ...readsFrom(fake), readLookback: () => Promise.resolve(lookback) });
    closers.push(() => consumer.close());
    const seen: string[] = [];
    for await (const record of consumer) {
      seen.push(`${record.offset}:${record.source}`);
      if (seen.length === 5) void consumer.close();
    }
    expect(seen).toEqual(Array.from({ length: 5 }, (_, i) => `${95 + i}:backfill`));
    expect(fake.committedMetadata(p0)).toBeUndefined();
    expect(fake.committedOffset(p0)).toBe(100);
  });

  it('reads the committed offset again when the first read fails, so a pending backfill is never committed over', async () => {
    const fake = new FakeGroupConsumer();
    fake.produce(0, readingsOf('SN1', 100));
    fake.setCommitted(p0, 100, 'gwk-backfill:v1:95-100');
    fake.failNextCommitted = 1;
    const consumer = consumerOnFake(fake, liveFirst, readsFrom(fake));
    closers.push(() => consumer.close());
    const seen: string[] = [];
    for await (const record of consumer) {
      seen.push(`${record.offset}:${record.source}`);
      if (seen.length === 5) void consumer.close();
    }
    expect(seen).toEqual(Array.from({ length: 5 }, (_, i) => `${95 + i}:backfill`));
    expect(fake.committedMetadata(p0)).toBeUndefined();
  });
});
