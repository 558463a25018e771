// `npm run bench:ingest`: rows per second that the full pipeline writes into PostgreSQL, next to the
// database's own limit on this machine, in one run against one local broker and one throwaway
// server (fsync on, as in production):
//
// - bare:      the readings of the same topic, decoded once beforehand and grouped in batches of
//              1,000, written with node-postgres as multi-row `INSERT ... ON CONFLICT DO NOTHING`
//              statements, one per batch, one after the other: no Kafka, no decoding, no commits.
// - pipeline:  what `goodwe-kafka ingest` does: `consumer.batches({ maxRecords: 1000 })` (fetch,
//              decode, validate, de-duplicate, gap tracking, commits after each write) and the
//              sink's `write()` (one upsert over unnest(), retries, accounting).
//
//   npx tsx bench/postgres/ingest-vs-insert.ts [records]      (default 200,000)
import pg from 'pg';
import { goodweConnection } from '../../src/auth/goodwe-connection.js';
import { createTelemetryConsumer } from '../../src/consumer/create-telemetry-consumer.js';
import { createPostgresSink } from '../../src/postgres/index.js';
import { sinkColumns, type KeyedRecord } from '../../src/postgres/sink-columns.js';
import { quoteIdentifier } from '../../src/postgres/sink-table.js';
import { decodeTelemetry } from '../../src/telemetry/decode-telemetry.js';
import { KafkaReader } from '../../src/kafka/kafka-reader.js';
import { startBroker } from '../../test/harness/start-broker.js';
import { projectRoot } from '../../test/harness/project-root.js';
import { startPostgres } from '../../test/support/postgres-server.js';
import { produceDataset } from '../harness/dataset.js';
import { int } from '../harness/format.js';
import { describeMachine, loadAverage } from '../harness/machine.js';

const records = Number(process.argv[2] ?? 200_000);
const BATCH = 1000;
const log = (line: string): void => void process.stderr.write(`${line}\n`);

const broker = await startBroker({ root: projectRoot(), log });
const database = await startPostgres({ database: 'bench', durable: true });
try {
  const bootstrap = broker.info.plaintext;
  const dataset = await produceDataset({
    bootstrap,
    records,
    partitions: 3,
    signal: new AbortController().signal,
    log,
  });
  log(`topic ${dataset.topic}: ${int(records)} records on 3 partitions`);

  // The same readings, decoded once, for the bare loop.
  const decoded: KeyedRecord[] = [];
  for (let partition = 0; partition < 3; partition++) {
    await using reader = await KafkaReader.connect({ 'bootstrap.servers': bootstrap }, [
      { topic: dataset.topic, partition, offset: '0' },
    ]);
    const { high } = await reader.queryWatermarks(dataset.topic, partition);
    for (let read = 0; read < Number(high);) {
      const messages = await reader.read(1000, 2000);
      read += messages.length;
      for (const message of messages) {
        const result = decodeTelemetry(message.value);
        if (!result.ok) continue;
        for (const r of result.records)
          decoded.push({
            ...r,
            raw: r.raw,
            topic: message.topic,
            partition,
            offset: String(message.offset),
            timestamp: new Date(message.timestamp ?? 0),
            key: null,
            headers: {},
            source: 'live',
          } as unknown as KeyedRecord);
      }
    }
  }

  // Bare: multi-row INSERT ... ON CONFLICT DO NOTHING, one statement per batch of 1,000.
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const table = quoteIdentifier('bare_telemetry');
  const columns = sinkColumns.map((c) => `${quoteIdentifier(c.name)} ${c.type}`).join(', ');
  await client.query(`CREATE TABLE ${table} (${columns}, PRIMARY KEY (serial_number, time))`);
  const names = sinkColumns.map((c) => quoteIdentifier(c.name)).join(', ');
  // Batches split where a statement would pass PostgreSQL's 65,535 bind parameters.
  const perStatement = Math.floor(65_535 / sinkColumns.length);
  const bareStarted = performance.now();
  for (let i = 0; i < decoded.length; i += BATCH) {
    const batch = decoded.slice(i, i + BATCH);
    for (let j = 0; j < batch.length; j += perStatement) {
      const part = batch.slice(j, j + perStatement);
      const values: unknown[] = [];
      const rows = part.map((record) => {
        const placeholders = sinkColumns.map((column) => {
          const value = column.value(record);
          values.push(column.type === 'jsonb' && value !== null ? JSON.stringify(value) : value);
          return `$${values.length}`;
        });
        return `(${placeholders.join(', ')})`;
      });
      await client.query(`INSERT INTO ${table} (${names}) VALUES ${rows.join(', ')} ON CONFLICT DO NOTHING`, values);
    }
  }
  const bareMs = performance.now() - bareStarted;
  const bareRows = Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);

  // Pipeline: the consumer's batches() and the sink, as `goodwe-kafka ingest` runs them.
  const sink = createPostgresSink({ connectionString: database.url, table: 'ingest_telemetry' });
  await sink.ensureTable();
  const stop = new AbortController();
  const consumer = createTelemetryConsumer({
    connection: goodweConnection({ bootstrapServers: bootstrap, topic: dataset.topic, tls: false }),
    groupId: `bench-ingest-${Date.now()}`,
    gaps: { refill: true },
    signal: stop.signal,
  });
  let written = 0;
  const pipelineStarted = performance.now();
  for await (const batch of consumer.batches({ maxRecords: BATCH, maxWaitMs: 100 })) {
    const result = await sink.write(batch);
    written += result.inserted + result.updated + result.unchanged;
    if (written >= bareRows) stop.abort();
  }
  const pipelineMs = performance.now() - pipelineStarted;
  await sink.close();
  await client.end();

  const bareRate = bareRows / (bareMs / 1000);
  const pipelineRate = written / (pipelineMs / 1000);
  const machine = describeMachine();
  console.log(`| Figure | Rows/s | Ratio |
| --- | --- | --- |
| Bare \`INSERT ... ON CONFLICT\` with \`pg\`, batches of ${BATCH} (${int(bareRows)} rows) | ${int(bareRate)} | 1.00 |
| \`ingest\` pipeline: \`batches()\` + sink (${int(written)} rows) | ${int(pipelineRate)} | ${(pipelineRate / bareRate).toFixed(2)} |

${new Date().toISOString()}, ${machine.cores} × ${machine.cpuModel}, Node ${process.version}, commit ${machine.commit}, PostgreSQL ${database.version} (fsync on), load ${loadAverage().join(' ')}`);
} finally {
  await database.stop();
  await broker.stop();
}
