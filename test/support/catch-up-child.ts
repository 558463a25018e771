// A consumer process for the live-first catch-up crash test: appends "serial|time|source" of every
// record it receives to a file (synchronously, so nothing is lost when it is killed), until told
// to stop.
import { openSync, writeSync } from 'node:fs';
import { goodweConnection } from '../../src/auth/goodwe-connection.js';
import { createTelemetryConsumer } from '../../src/consumer/create-telemetry-consumer.js';

const [bootstrapServers, topic, groupId, outFile] = process.argv.slice(2) as [string, string, string, string];
const out = openSync(outFile, 'a');
const consumer = createTelemetryConsumer({
  connection: goodweConnection({ bootstrapServers, topic, tls: false }),
  groupId,
  catchUp: { mode: 'live-first', minLagRecords: 10_000 },
  commitIntervalMs: 200,
  maxBufferedRecords: 1000,
  // A killed member holds its partitions until its session expires: keep that short here.
  sessionTimeoutMs: 6000,
});
process.once('SIGTERM', () => void consumer.close());
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
let count = 0;
for await (const record of consumer) {
  writeSync(out, `${record.value.serialNumber}|${record.value.time?.getTime()}|${record.source}\n`);
  // Roughly 10,000 records/s: slow enough that the parent can kill it mid-backfill.
  if (++count % 10 === 0) await pause(1);
}
