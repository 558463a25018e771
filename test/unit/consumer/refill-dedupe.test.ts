import { describe, expect, it } from 'vitest';
import { collectBatch } from '../../../src/consumer/collect-batch.js';
import { DeliveryQueue } from '../../../src/consumer/delivery-queue.js';
import { PartitionLedger } from '../../../src/consumer/partition-ledger.js';
import { RecordStream } from '../../../src/consumer/record-stream.js';
import type { InvalidHandler } from '../../../src/consumer/invalid-handler.js';
import type { KafkaMessage } from '../../../src/kafka/kafka-message.js';
import type { MessageDecoder } from '../../../src/records/message-decoder.js';
import type { TelemetryRecord } from '../../../src/records/telemetry-record.js';
import { gapRecoveryOffline } from '../../support/gap-recovery.js';

const topic = 'ACME01';
const tR = Date.UTC(2026, 10, 20, 6, 5);

function record(source: 'live' | 'refill', offset: number, timeMs: number): TelemetryRecord<unknown> {
  return {
    value: { serialNumber: 'SN1', time: new Date(timeMs) },
    raw: { sn: 'SN1', last_time: timeMs, pac: 1000 },
    topic,
    partition: 0,
    offset: String(offset),
    timestamp: new Date(timeMs),
    key: 'SN1',
    headers: {},
    source,
  };
}

// A fetched message carrying one reading of SN1 at `timeMs` (the value is the reading's time).
function message(offset: number, timeMs: number): KafkaMessage {
  return { topic, partition: 0, offset, timestamp: timeMs, key: 'SN1', value: Buffer.from(String(timeMs)) };
}

const decode: MessageDecoder<unknown> = (bytes) => {
  const timeMs = Number(bytes?.toString());
  const { value, raw } = record('live', 0, timeMs);
  return { ok: true, records: [{ value, raw, serialNumber: 'SN1', time: new Date(timeMs) }] };
};

function streamOver() {
  const queue = new DeliveryQueue<unknown>(100, 1_000_000);
  const ledger = new PartitionLedger();
  const [entry] = ledger.assign([{ topic, partition: 0 }]);
  const gaps = gapRecoveryOffline({});
  const stream = new RecordStream(queue, ledger, {
    decode,
    gapTopic: topic,
    gaps: () => gaps,
    invalid: {} as InvalidHandler,
    checkFailed: () => undefined,
    isClosing: () => false,
  });
  return { queue, entry: entry!, stream };
}

describe('a refill copy and a late live copy of the same reading', () => {
  it('hands out the live copy that comes first and drops the refill copy behind it, so closing early loses nothing', async () => {
    const { queue, entry, stream } = streamOver();
    queue.pushLive(message(7, tR), entry.epoch); // the late reading, fetched and waiting
    queue.pushLive(message(8, tR + 60_000), entry.epoch);
    await queue.pushRefill(record('refill', 7, tR), 'SN1', tR); // the refill scan found it in the log too
    const first = await stream.next();
    expect(first).toMatchObject({ offset: '7', source: 'live' });
    stream.release();
    expect(await stream.next()).toMatchObject({ offset: '8', source: 'live' });
    stream.release();
    expect(entry.offsets.watermark).toBe(9);
    // The refill copy is dropped when it comes up: nothing is left to hand out.
    expect(await stream.next(Date.now() + 20)).not.toMatchObject({ source: 'refill' });
  });

  it('finishes the live copy dropped in a batch only with the batch that holds the refill copy', async () => {
    const { queue, entry, stream } = streamOver();
    await queue.pushRefill(record('refill', 7, tR), 'SN1', tR);
    queue.pushLive(message(7, tR), entry.epoch);
    queue.pushLive(message(8, tR + 60_000), entry.epoch);
    const batch = await collectBatch(stream, { maxRecords: 10, maxWaitMs: 20, maxBytes: Number.POSITIVE_INFINITY });
    expect(batch?.map((r) => `${r.source}:${r.offset}`)).toEqual(['refill:7', 'live:8']);
    // While the batch's body runs, offset 7 (whose reading is only in the batch) is not committable.
    expect(entry.offsets.watermark).toBeUndefined();
    stream.release();
    expect(entry.offsets.watermark).toBe(9);
  });
});
