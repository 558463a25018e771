import type { InvalidTelemetryRecord, TelemetryRecord } from '../records/telemetry-record.js';
import type { BatchOptions } from './batch-options.js';
import { TIMED_OUT, type RecordStream } from './record-stream.js';

type Yielded<T> = TelemetryRecord<T> | InvalidTelemetryRecord;

/**
 * Takes the next batch from the stream: full at `maxRecords` or `maxBytes`, or whatever arrived
 * within `maxWaitMs` of its first record. Records of a partition revoked or seeked while the batch
 * filled are left out: they are never handed to a body. `undefined` when the consumer is closing;
 * the records of an unfinished batch are then not committed and come again on the next start.
 */
export async function collectBatch<T>(
  stream: RecordStream<T>,
  options: Required<BatchOptions>,
): Promise<Yielded<T>[] | undefined> {
  for (;;) {
    const records: Yielded<T>[] = [];
    const epochs: (number | undefined)[] = [];
    let bytes = 0;
    let deadline: number | undefined;
    while (records.length < options.maxRecords && bytes < options.maxBytes) {
      const record = await stream.next(deadline);
      if (record === undefined) return undefined;
      if (record === TIMED_OUT) break;
      records.push(record);
      epochs.push(stream.lastEpoch);
      bytes += stream.lastBytes;
      deadline ??= Date.now() + options.maxWaitMs;
    }
    const current = records.filter((record, i) => stream.isCurrent(record, epochs[i]));
    if (current.length > 0) return current;
  }
}
