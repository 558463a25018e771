// The ceiling for this library's stack: @confluentinc/kafka-javascript's callback API, pulled in
// batches with consume(n, cb) exactly as the library's fetch loop does (same batch size, same wait,
// timeout on the first message only), and JSON.parse of each value (or, for the typed rows, this
// library's decodeTelemetry). librdkafka's defaults otherwise (auto-commit every 5 s). The client is
// loaded as the library loads it, so that under another Node it is the same build (scripts/bench-node.sh).
import type { KafkaConsumer, Message } from '@confluentinc/kafka-javascript';
import { native } from '../../src/kafka/native.js';
import { contenderMain } from '../harness/contender-main.js';
import { valueWork } from '../harness/value-work.js';

// In lib/kafka-consumer.js but not in the type declarations.
type Consumer = KafkaConsumer & { setDefaultIsTimeoutOnlyForFirstMessage(value: boolean): void };

const batchSize = 1000;
const waitMs = 250;

contenderMain(async ({ bootstrap, topic, groupId, work }, meter) => {
  const decodeValue = valueWork(work);
  const consumer = new native.KafkaConsumer(
    { 'bootstrap.servers': bootstrap, 'group.id': groupId },
    { 'auto.offset.reset': 'earliest' },
  ) as Consumer;
  await new Promise<void>((resolve, reject) => consumer.connect({}, (error) => (error ? reject(error) : resolve())));
  consumer.setDefaultIsTimeoutOnlyForFirstMessage(true);
  consumer.setDefaultConsumeTimeout(waitMs);
  consumer.subscribe([topic]);
  let sink = 0;
  try {
    for (;;) {
      const messages = await new Promise<Message[]>((resolve, reject) =>
        consumer.consume(batchSize, (error, batch) => (error ? reject(error) : resolve(batch))),
      );
      for (const message of messages) {
        if (message.value) sink += decodeValue(message.value);
      }
      if (messages.length > 0 && meter.add(messages.length)) break;
    }
  } finally {
    meter.extra['parsed'] = sink;
    await new Promise<void>((resolve) => consumer.disconnect(() => resolve()));
  }
});
