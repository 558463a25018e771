// The first example of the README: read GoodWe telemetry with the connection from the
// environment (GOODWE_KAFKA_BOOTSTRAP_SERVERS, _ACCOUNT, _PASSWORD, _TOPIC), with gap refill on,
// and print each reading where the README's service writes it to its database.
// Run it: GOODWE_KAFKA_...=... npx tsx examples/consume.ts   (Ctrl-C or SIGTERM stops it cleanly)
import { connectionFromEnv, createTelemetryConsumer } from 'goodwe-kafka';

await using consumer = createTelemetryConsumer({
  connection: connectionFromEnv(),
  groupId: 'acme-ingest',
  gaps: { refill: true }, // detect per-inverter gaps and refill them from the log
});
consumer.handleSignals(); // SIGTERM / SIGINT: finish the current record, commit, leave the group

for await (const record of consumer) {
  // record.value is a validated InverterTelemetry; its offset is committed once this body finishes.
  const { serialNumber, time, acPower, energyToday } = record.value;
  console.log(serialNumber, time?.toISOString(), acPower, energyToday);
}
