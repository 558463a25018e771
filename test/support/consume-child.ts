// A consumer process for the crash tests: appends "partition:offset" of every record it receives
// to a file (synchronously, so nothing is lost when it is killed), until told to stop. In
// `batches` mode it takes batches of up to 1,000 and writes each only at the end of the batch's
// body, after a pause, as a database sink would.
import { openSync, writeSync } from 'node:fs';
import { goodweConnection } from '../../src/auth/goodwe-connection.js';
import { createTelemetryConsumer } from '../../src/consumer/create-telemetry-consumer.js';

const [bootstrapServers, topic, groupId, outFile, mode = 'records'] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string?,
];
const out = openSync(outFile, 'a');
const consumer = createTelemetryConsumer({
  connection: goodweConnection({ bootstrapServers, topic, tls: false }),
  groupId,
  commitIntervalMs: 200,
  maxBufferedRecords: 1000,
  // A killed member holds its partitions until its session expires: keep that short here.
  sessionTimeoutMs: 6000,
});
process.once('SIGTERM', () => void consumer.close());
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
if (mode === 'batches') {
  for await (const batch of consumer.batches({ maxRecords: 1000, maxWaitMs: 100 })) {
    await pause(30); // the write takes a while; a kill may come meanwhile
    writeSync(out, batch.map((record) => `${record.partition}:${record.offset}\n`).join(''));
  }
} else {
  let count = 0;
  for await (const record of consumer) {
    writeSync(out, `${record.partition}:${record.offset}\n`);
    // Roughly 10,000 records/s: slow enough that the parent can kill it mid-stream.
    if (++count % 10 === 0) await pause(1);
  }
}
