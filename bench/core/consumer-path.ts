// Measures what the consumer's own path costs per record, apart from Kafka and the decoder: the
// same simulated messages are decoded in a bare loop, and then read through a TelemetryConsumer
// whose client is the in-memory fake of the Kafka interface. The difference is the ledger, the
// queue, the record stream, dedupe and gap tracking, and the commits.
// Run: npm run bench:core [-- records rounds]   (defaults: 100000 records, 5 rounds)
import { FakeGroupConsumer } from '../../test/support/fake-group-consumer.js';
import { consumerOnFake } from '../../test/support/fake-consumer.js';
import { simulateFleet } from '../../src/simulator/simulate-fleet.js';
import { parseSimulationOptions } from '../../src/simulator/simulation-options.js';
import { benchSimulation } from '../harness/bench-simulation.js';
import { toItems } from '../../src/records/to-items.js';
import { telemetryDecoder } from '../../src/consumer/telemetry-decoder.js';
import { consumerOptionsSchema } from '../../src/consumer/consumer-options.js';
import { goodweConnection } from '../../src/auth/goodwe-connection.js';
import type { InverterTelemetry } from '../../src/telemetry/inverter-telemetry-schema.js';

const records = Number(process.argv[2] ?? 100_000);
const rounds = Number(process.argv[3] ?? 5);
const partitions = 3;

const messages = [...simulateFleet(parseSimulationOptions(benchSimulation(records)))];
const byPartition: { value: string; key: string }[][] = Array.from({ length: partitions }, () => []);
for (const m of messages) {
  const p = Number.parseInt(m.key.slice(-4), 36) % partitions;
  byPartition[p]!.push({ value: m.value.toString('utf8'), key: m.key });
}

const cpuMicros = (): number => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

function bareDecode(fake: FakeGroupConsumer): number {
  const parsed = consumerOptionsSchema.parse({
    connection: goodweConnection({ bootstrapServers: '127.0.0.1:1', topic: fake.topic, tls: false }),
    groupId: 'bench',
  });
  const decode = telemetryDecoder<InverterTelemetry>(parsed);
  const messages = fake.allPartitions().flatMap((p) => fake.readLog(p, 0, Number.MAX_SAFE_INTEGER));
  const start = cpuMicros();
  let n = 0;
  for (const message of messages) n += toItems(message, decode).items.length;
  if (n !== records) throw new Error(`decoded ${n} records, expected ${records}`);
  return (cpuMicros() - start) / n;
}

async function throughConsumer(fake: FakeGroupConsumer): Promise<number> {
  // The library's defaults, as a user gets them (gap tracking and dedupe included).
  await using consumer = consumerOnFake(fake, { commitIntervalMs: 5000 });
  let n = 0;
  let start = 0;
  for await (const _record of consumer) {
    if (n === 0) start = cpuMicros();
    if (++n === records) break;
  }
  return (cpuMicros() - start) / (n - 1);
}

function freshFake(): FakeGroupConsumer {
  const fake = new FakeGroupConsumer();
  byPartition.forEach((list, p) => fake.produce(p, list));
  return fake;
}

const results: Record<string, number[]> = { decode: [], consumer: [] };
for (let round = 0; round < rounds; round++) {
  // GOODWE_BENCH_ONLY=consumer (or decode) runs one side, for a profile of it alone.
  if (process.env.GOODWE_BENCH_ONLY !== 'consumer') results.decode!.push(bareDecode(freshFake()));
  if (process.env.GOODWE_BENCH_ONLY !== 'decode') results.consumer!.push(await throughConsumer(freshFake()));
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const decode = results.decode!.length ? median(results.decode!) : Number.NaN;
const consumer = results.consumer!.length ? median(results.consumer!) : Number.NaN;
console.log(`records ${records}, rounds ${rounds}, CPU µs per record (median):`);
console.log(`  bare decode loop       ${decode.toFixed(2)}`);
console.log(`  consumer on the fake   ${consumer.toFixed(2)}`);
console.log(`  consumer path overhead ${(consumer - decode).toFixed(2)}`);
