import { describe, expect, it } from 'vitest';
import { keyedBatch } from '../../../src/postgres/keyed-batch.js';
import type { SinkRecord } from '../../../src/postgres/sink-columns.js';

const record = (serialNumber: string, minute: number | undefined, offset: number): SinkRecord =>
  ({
    value: {
      serialNumber,
      ...(minute === undefined ? {} : { time: new Date(Date.UTC(2026, 5, 15, 8, minute)) }),
      quality: [],
    },
    raw: {},
    topic: 't',
    partition: 0,
    offset: String(offset),
    timestamp: new Date(),
    key: null,
    headers: {},
    source: 'live',
  }) as SinkRecord;

const invalid = { value: undefined, error: new Error('bad'), offset: '9' } as unknown as SinkRecord;

describe('keying a batch', () => {
  it('keeps one row per record when every (serial number, time) differs', () => {
    const batch = keyedBatch([record('A', 0, 1), record('A', 5, 2), record('B', 0, 3)]);
    expect(batch.rows.map((r) => r.offset)).toEqual(['1', '2', '3']);
    expect(batch).toMatchObject({ skipped: 0, duplicates: 0 });
  });

  it('skips records without a time, which cannot be keyed, and invalid records', () => {
    const batch = keyedBatch([record('A', undefined, 1), invalid, record('A', 0, 2)]);
    expect(batch.rows.map((r) => r.offset)).toEqual(['2']);
    expect(batch).toMatchObject({ skipped: 2, duplicates: 0 });
  });

  it('skips a record whose time is an invalid date', () => {
    const bad = record('A', 0, 1);
    (bad.value as { time: Date }).time = new Date(Number.NaN);
    expect(keyedBatch([bad])).toMatchObject({ rows: [], skipped: 1 });
  });

  it('writes a reading that appears twice in one batch once, from its later record', () => {
    const batch = keyedBatch([record('A', 0, 1), record('B', 0, 2), record('A', 0, 3)]);
    expect(batch.rows.map((r) => r.offset)).toEqual(['2', '3']);
    expect(batch).toMatchObject({ skipped: 0, duplicates: 1 });
  });

  it('does not take two serial numbers for one when one is a prefix of the other', () => {
    expect(keyedBatch([record('A1', 0, 1), record('A', 0, 2)]).rows).toHaveLength(2);
  });
});
