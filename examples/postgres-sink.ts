// Writing readings to PostgreSQL with the sink from `goodwe-kafka/postgres` (`npm install pg`).
// The consumer delivers at least once, so the same reading can arrive twice (after a crash, a
// rebalance, a refill); the sink upserts on (serial_number, time), so a second delivery changes
// nothing. Run it: DATABASE_URL=postgres://user:password@host:5432/db npx tsx examples/postgres-sink.ts
//
// In a service the batches come from the consumer, and a batch's offsets are committed only after
// `sink.write()` resolved, that is after PostgreSQL committed the batch:
//
//   for await (const batch of consumer.batches({ maxRecords: 1000, maxWaitMs: 1000 })) {
//     await sink.write(batch);
//   }
//   // or: await sink.run(consumer, { maxRecords: 1000, maxWaitMs: 1000, signal });
//
// Here two batches decoded from sample GoodWe messages stand in for the consumer, and the second
// one is the first delivered again.
import { decodeTelemetry, type InverterTelemetry, type TelemetryRecord } from 'goodwe-kafka';
import { createPostgresSink } from 'goodwe-kafka/postgres';

const messages = [
  '[{"sn":"5010KETU000001","last_time":"2026-06-15T08:05:00Z","pac":3120,"vpv1":"384.2","eday":11.4,"tempperature":41.5},' +
    '{"sn":"5010KETU000002","last_time":"2026-06-15T08:05:00Z","pac":"2875W","vpv1":379.9,"eday":10.1,"tempperature":"--"}]',
  '{"Sn":"5010KETU000001","Time":"06/15/2026 08:10:00","Pac":3188,"Vpv1":385.0,"EDay":11.7,"Tempperature":42.0}',
];

/** The records a consumer would yield for these messages, as if read from offsets 0, 1, ... */
function sampleRecords(): TelemetryRecord<InverterTelemetry>[] {
  return messages.flatMap((message, offset) => {
    const result = decodeTelemetry(Buffer.from(message), { timeZone: 'UTC' });
    if (!result.ok) throw result.error;
    return result.records.map(({ value, raw }) => ({
      value,
      raw,
      topic: 'GW-ACME',
      partition: 0,
      offset: String(offset),
      timestamp: new Date(),
      key: value.serialNumber,
      headers: {},
      source: 'live' as const,
    }));
  });
}

async function* batches(): AsyncGenerator<TelemetryRecord<InverterTelemetry>[]> {
  yield sampleRecords();
  yield sampleRecords(); // a redelivery: same readings, same offsets
}

await using sink = createPostgresSink({
  connectionString: process.env['DATABASE_URL'] ?? 'postgres://localhost/postgres',
});

let n = 0;
for await (const batch of batches()) {
  const { inserted, updated, unchanged } = await sink.write(batch);
  console.log(
    `batch ${++n}: ${batch.length} records, ${inserted} inserted, ${updated} updated, ${unchanged} unchanged`,
  );
}
console.log(`rows are in ${sink.table}`);
