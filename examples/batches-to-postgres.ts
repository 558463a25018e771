// A service that writes GoodWe telemetry to PostgreSQL: batches from the consumer, each written in
// one transaction by the sink of `goodwe-kafka/postgres` (`npm install pg`), and committed to Kafka
// only after PostgreSQL committed it. A crash or a restart loses nothing and writes no row twice
// (the sink upserts on serial_number and time). SIGTERM or Ctrl-C: the batch in hand is written
// and committed, then the consumer leaves its group.
//
//   DATABASE_URL=postgres://user:password@host:5432/db GOODWE_KAFKA_...=... npx tsx examples/batches-to-postgres.ts
//
// (`goodwe-kafka ingest --to postgres://...` is this service, ready made.)
import { connectionFromEnv, createTelemetryConsumer } from 'goodwe-kafka';
import { createPostgresSink } from 'goodwe-kafka/postgres';

const controller = new AbortController();
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => controller.abort(new Error(`stopped by ${signal}`)));
}

await using sink = createPostgresSink({
  connectionString: process.env['DATABASE_URL'] ?? 'postgres://localhost/postgres',
});
await using consumer = createTelemetryConsumer({
  connection: connectionFromEnv(),
  groupId: 'acme-postgres',
  gaps: { refill: true },
  signal: controller.signal,
});

let rows = 0;
for await (const batch of consumer.batches({ maxRecords: 1000, maxWaitMs: 1000 })) {
  const { inserted, updated } = await sink.write(batch); // the batch is committed after this body
  rows += inserted + updated;
  console.log(`wrote ${batch.length} readings (${inserted} new rows, ${updated} corrected) to ${sink.table}`);
}
console.log(`stopped after writing ${rows} rows`);
