// KafkaJS: eachBatch over a subscription, with JSON.parse of each value (or, for the typed rows,
// this library's decodeTelemetry). Its defaults otherwise (fetches of up to 1 MB per partition and
// 10 MB in all, batches resolved automatically, auto-commit every 5 s).
import type { Buffer } from 'node:buffer';
import { contenderMain } from '../harness/contender-main.js';
import { valueWork } from '../harness/value-work.js';
import { loadPeer } from '../harness/peers.js';

/** The slice of KafkaJS's API used here. */
interface KafkaJs {
  Kafka: new (config: { clientId: string; brokers: string[]; logLevel: number }) => {
    consumer(config: { groupId: string }): {
      connect(): Promise<void>;
      subscribe(subscription: { topic: string; fromBeginning: boolean }): Promise<void>;
      run(config: {
        eachBatch: (payload: { batch: { messages: { value: Buffer | null }[] } }) => Promise<void>;
      }): Promise<void>;
      disconnect(): Promise<void>;
    };
  };
  logLevel: { NOTHING: number };
}

contenderMain(async ({ bootstrap, topic, groupId, work }, meter) => {
  const decodeValue = valueWork(work);
  const { Kafka, logLevel } = (await loadPeer<{ default: KafkaJs }>('kafkajs')).default;
  const kafka = new Kafka({ clientId: 'goodwe-kafka-bench', brokers: [bootstrap], logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let sink = 0;
  await consumer.run({
    eachBatch: async ({ batch }) => {
      for (const message of batch.messages) {
        if (message.value) sink += decodeValue(message.value);
      }
      meter.add(batch.messages.length);
    },
  });
  await meter.done;
  meter.extra['parsed'] = sink;
  await consumer.disconnect();
});
