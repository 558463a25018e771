// @confluentinc/kafka-javascript's KafkaJS-compatible API: eachBatch over a subscription, with
// JSON.parse of each value. Its defaults otherwise (batches of up to 32, auto-commit every 5 s). The
// client is loaded as the library loads it, so that under another Node it is the same build.
import { native } from '../../src/kafka/native.js';
import { contenderMain } from '../harness/contender-main.js';

const { Kafka, logLevel } = native.KafkaJS;

contenderMain(async ({ bootstrap, topic, groupId }, meter) => {
  const kafka = new Kafka({ kafkaJS: { brokers: [bootstrap], logLevel: logLevel.NOTHING } });
  const consumer = kafka.consumer({ kafkaJS: { groupId, fromBeginning: true } });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic] });
  let sink = 0;
  await consumer.run({
    eachBatch: async ({ batch }) => {
      for (const message of batch.messages) {
        if (message.value) sink += (JSON.parse(message.value.toString('utf8')) as object) ? 1 : 0;
      }
      meter.add(batch.messages.length);
    },
  });
  await meter.done;
  meter.extra['parsed'] = sink;
  await consumer.disconnect();
});
