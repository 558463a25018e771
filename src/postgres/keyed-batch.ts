import type { KeyedRecord, SinkRecord } from './sink-columns.js';

/** A batch reduced to the rows it writes. */
export interface KeyedBatch {
  /** One record per (serial number, time), in batch order. */
  readonly rows: readonly KeyedRecord[];
  /** Records with no row: invalid (`onInvalid: 'yield'`) or without a telemetry time. */
  readonly skipped: number;
  /** Records whose (serial number, time) came again later in the batch; the later one is written. */
  readonly duplicates: number;
}

const hasRow = (record: SinkRecord): record is KeyedRecord =>
  record.value !== undefined && record.value.time instanceof Date && !Number.isNaN(record.value.time.getTime());

/**
 * Keeps the records that have a row, one per primary key. A statement may not update one row
 * twice (`ON CONFLICT DO UPDATE command cannot affect row a second time`), so a batch that holds
 * one reading twice (a duplicate publish, a refill next to the live record) must carry it once;
 * the later record wins, as it would have if the two had come in two batches.
 */
export function keyedBatch(records: readonly SinkRecord[]): KeyedBatch {
  const byKey = new Map<string, KeyedRecord>();
  let skipped = 0;
  for (const record of records) {
    if (!hasRow(record)) {
      skipped++;
      continue;
    }
    const key = `${record.value.time.getTime()}\u0000${record.value.serialNumber}`;
    byKey.delete(key); // re-inserted below, so the later record also takes the later position
    byKey.set(key, record);
  }
  return { rows: [...byKey.values()], skipped, duplicates: records.length - skipped - byKey.size };
}
