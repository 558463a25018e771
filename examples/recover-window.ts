// Recover a time window from Kafka: replay every reading GoodWe published between two times
// (within the topic's retention) and count them per inverter, without touching the group's offsets.
// Run it: GOODWE_KAFKA_...=... npx tsx examples/recover-window.ts 2026-11-20T06:00:00Z 2026-11-20T08:00:00Z
import { connectionFromEnv, createTelemetryConsumer } from 'goodwe-kafka';

const [from = new Date(Date.now() - 2 * 3600_000).toISOString(), to = new Date().toISOString()] = process.argv.slice(2);

await using consumer = createTelemetryConsumer({ connection: connectionFromEnv(), groupId: 'acme-recovery' });

const perInverter = new Map<string, number>();
// replay() reads with a side reader: no consumer group, no commits, de-duplicated readings.
for await (const record of consumer.replay({ from: new Date(from), to: new Date(to) })) {
  perInverter.set(record.value.serialNumber, (perInverter.get(record.value.serialNumber) ?? 0) + 1);
  // Write record.value to your store here, with an idempotent upsert on (serial number, time).
}

const total = [...perInverter.values()].reduce((sum, n) => sum + n, 0);
console.log(`${total} readings from ${perInverter.size} inverters between ${from} and ${to}`);
for (const [serialNumber, count] of [...perInverter].sort()) console.log(`${serialNumber}\t${count}`);

// To move the live group back instead (its next records start at that time, committed as usual):
//   await consumer.seekToTime(new Date(from));   // called while iterating the consumer
