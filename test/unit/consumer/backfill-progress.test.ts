import { describe, expect, it } from 'vitest';
import { decodeBackfillMetadata, encodeBackfillMetadata } from '../../../src/consumer/backfill-metadata.js';
import { BackfillProgress } from '../../../src/consumer/backfill-progress.js';

describe('backfill commit metadata', () => {
  it('round-trips pending ranges, merged and sorted', () => {
    const metadata = encodeBackfillMetadata([
      { from: 50, to: 60 },
      { from: 10, to: 20 },
      { from: 15, to: 30 },
    ]);
    expect(metadata).toBe('gwk-backfill:v1:10-30,50-60');
    expect(decodeBackfillMetadata(metadata)).toEqual([
      { from: 10, to: 30 },
      { from: 50, to: 60 },
    ]);
  });

  it('stays within the broker default offset.metadata.max.bytes (4096) with the largest exact offsets', () => {
    const base = Number.MAX_SAFE_INTEGER - 10_000_000;
    const ranges = Array.from({ length: 1000 }, (_, i) => ({ from: base + i * 10, to: base + i * 10 + 5 }));
    expect(Buffer.byteLength(encodeBackfillMetadata(ranges)!)).toBeLessThanOrEqual(4096);
  });

  it('reads no ranges from metadata that is absent or not ours', () => {
    expect(decodeBackfillMetadata(undefined)).toEqual([]);
    expect(decodeBackfillMetadata('')).toEqual([]);
    expect(decodeBackfillMetadata('some-other-tool:42')).toEqual([]);
  });

  it('joins the closest ranges beyond 100, so the metadata stays small and owes every offset still', () => {
    const ranges = Array.from({ length: 150 }, (_, i) => ({ from: i * 10, to: i * 10 + 5 }));
    const decoded = decodeBackfillMetadata(encodeBackfillMetadata(ranges));
    expect(decoded.length).toBe(100);
    expect(encodeBackfillMetadata(ranges)!.length).toBeLessThan(4096);
    for (const r of ranges) expect(decoded.some((d) => d.from <= r.from && d.to >= r.to)).toBe(true);
  });
});

describe('backfill progress', () => {
  it('moves the frontier only past offsets the body finished, in order', () => {
    const progress = new BackfillProgress([{ from: 10, to: 20 }], 100);
    for (const offset of [10, 11, 12]) progress.queued(offset);
    progress.finish(11);
    expect(progress.frontier).toBe(10);
    progress.finish(10);
    expect(progress.frontier).toBe(12);
    expect(progress.metadata()).toBe('gwk-backfill:v1:12-20');
    expect(progress.counts()).toEqual({ total: 10, pending: 8 });
  });

  it('counts offsets without a message as done once the reader reached the end and every queued one finished', () => {
    const progress = new BackfillProgress([{ from: 10, to: 20 }], 100);
    progress.queued(17);
    progress.readTo(20);
    expect(progress.metadata()).toBe('gwk-backfill:v1:17-20');
    progress.finish(17);
    expect(progress.metadata()).toBeUndefined();
    expect(progress.done).toBe(true);
  });

  it('never owes a range read through without a message again while a later range is in the body', () => {
    const progress = new BackfillProgress(
      [
        { from: 10, to: 20 },
        { from: 50, to: 60 },
      ],
      100,
    );
    progress.readTo(20); // retention deleted 10..19 (reported when read)
    progress.queued(50);
    expect(progress.metadata()).toBe('gwk-backfill:v1:50-60');
  });

  it('carries what is owed below a new position into a new epoch', () => {
    const progress = new BackfillProgress([{ from: 10, to: 100 }], 200);
    progress.queued(10);
    progress.finish(10);
    const carried = progress.carriedTo(50);
    expect(carried?.ranges).toEqual([{ from: 11, to: 50 }]);
    expect(carried?.liveStart).toBe(50);
  });
});
