// A consumer process for the signal test: handles SIGTERM with handleSignals(), reports each
// record on stdout, and must exit by itself (no open handles) once the consumer has closed.
import { goodweConnection } from '../../src/auth/goodwe-connection.js';
import { createTelemetryConsumer } from '../../src/consumer/create-telemetry-consumer.js';

const [bootstrapServers, topic, groupId] = process.argv.slice(2) as [string, string, string];
const consumer = createTelemetryConsumer({
  connection: goodweConnection({ bootstrapServers, topic, tls: false }),
  groupId,
});
consumer.handleSignals();
for await (const record of consumer) {
  process.stdout.write(`${record.offset}\n`);
  await new Promise((resolve) => setTimeout(resolve, 20));
}
process.stdout.write(`closed ${consumer.health().state}\n`);
