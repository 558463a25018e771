// The demo: start a real local Kafka broker, publish a small fleet's telemetry the way GoodWe
// would, read it back through the library's Kafka layer, print what happened, stop the broker.
// (The full demo with gap detection and refill replaces this as those features land.)
import { projectRoot } from '../src/broker/project-root.js';
import { startBroker } from '../src/broker/start-broker.js';
import { KafkaAdmin } from '../src/kafka/kafka-admin.js';
import { KafkaProducer } from '../src/kafka/kafka-producer.js';
import { KafkaReader } from '../src/kafka/kafka-reader.js';
import { selfCheck } from '../src/kafka/self-check.js';

const inverters = 50;
const readingsPerInverter = 24;
const partitions = 3;
const step = 5 * 60_000;

const { librdkafkaVersion } = selfCheck();
console.log(`goodwe-kafka demo (librdkafka ${librdkafkaVersion})`);
console.log('starting a local Kafka broker...');
await using broker = await startBroker({ root: projectRoot() });
console.log(`broker ${broker.info.version ?? ''} (${broker.info.backend}) at ${broker.info.plaintext}`);

// Publish over SASL_SSL with SCRAM-SHA-512, as a GoodWe-issued account would connect.
const secure = broker.info.saslSsl
  ? {
      'bootstrap.servers': broker.info.saslSsl,
      'security.protocol': 'sasl_ssl',
      'sasl.mechanisms': 'SCRAM-SHA-512',
      'sasl.username': broker.info.user.name,
      'sasl.password': broker.info.user.password,
      ...(broker.info.caFile ? { 'ssl.ca.location': broker.info.caFile } : {}),
    }
  : { 'bootstrap.servers': broker.info.plaintext };
const topic = 'DEMO01';
await using admin = new KafkaAdmin({ 'bootstrap.servers': broker.info.plaintext });
await admin.createTopic({ topic, partitions });

const start = Date.UTC(2026, 10, 20, 8, 0, 0);
const published = Date.now();
await using producer = await KafkaProducer.connect(secure);
const sends: Promise<unknown>[] = [];
for (let i = 0; i < readingsPerInverter; i++) {
  for (let n = 0; n < inverters; n++) {
    const sn = `5010KETU${String(n).padStart(6, '0')}`;
    const time = start + i * step;
    const pac = Math.round(4000 * Math.sin((Math.PI * i) / readingsPerInverter));
    const value = { sn, last_time: time, pac, vpv1: 380.2, ipv1: pac / 380, fac1: 50.01, eday: (i * pac) / 12000 };
    sends.push(producer.send({ topic, key: sn, value: Buffer.from(JSON.stringify(value)), timestamp: time }));
  }
}
await Promise.all(sends);
const publishMs = Date.now() - published;
console.log(`published ${sends.length} readings from ${inverters} inverters in ${publishMs} ms`);

const read = Date.now();
await using reader = await KafkaReader.connect(
  secure,
  Array.from({ length: partitions }, (_, partition) => ({ topic, partition, offset: 'earliest' })),
);
const serials = new Set<string>();
let received = 0;
while (received < sends.length) {
  const batch = await reader.read(1000, 2000);
  if (batch.length === 0) break;
  for (const message of batch) {
    serials.add((JSON.parse(message.value!.toString()) as { sn: string }).sn);
    received++;
  }
}
console.log(`read back ${received} readings from ${serials.size} inverters in ${Date.now() - read} ms`);
console.log(received === sends.length ? 'demo: OK, nothing lost' : 'demo: FAILED, readings are missing');
process.exitCode = received === sends.length ? 0 : 1;
