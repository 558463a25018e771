// The first example of the README: read GoodWe telemetry with the connection from the
// environment (GOODWE_KAFKA_BOOTSTRAP_SERVERS, _ACCOUNT, _PASSWORD, _TOPIC) and print each reading.
// Run it: GOODWE_KAFKA_...=... npx tsx examples/consume.ts
import { connectionFromEnv, createTelemetryConsumer } from 'goodwe-kafka';

await using consumer = createTelemetryConsumer({
  connection: connectionFromEnv(),
  groupId: 'acme-ingest',
});

for await (const record of consumer) {
  // record.value is a validated InverterTelemetry; its offset is committed once this body finishes.
  const { serialNumber, time, acPower, energyToday } = record.value;
  console.log(serialNumber, time?.toISOString(), acPower, energyToday);
}
