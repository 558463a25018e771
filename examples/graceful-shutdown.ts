// Stopping cleanly on SIGTERM (Kubernetes, systemd) or Ctrl-C: the abort signal ends the loop,
// the consumer commits what the loop body finished, leaves its group (so the partitions move to
// another instance at once) and disconnects. Nothing finished is read again; nothing unfinished is lost.
import { connectionFromEnv, createTelemetryConsumer } from 'goodwe-kafka';

const controller = new AbortController();
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => controller.abort(new Error(`stopped by ${signal}`)));
}

await using consumer = createTelemetryConsumer({
  connection: connectionFromEnv(),
  groupId: 'acme-ingest',
  signal: controller.signal,
  closeTimeoutMs: 10_000, // bound the final commit and group leave
});

let readings = 0;
for await (const record of consumer) {
  readings++;
  if (readings % 10_000 === 0) console.log(`${readings} readings, last from ${record.value.serialNumber}`);
}
// The loop ends when the signal is aborted; `await using` has closed the consumer by the time we get here.
console.log(`stopped after ${readings} readings`, consumer.health().state);
