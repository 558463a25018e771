// @platformatic/kafka: the messages stream of a group consumer, read with 'data' events (its
// fastest way), with JSON.parse of each value (or, for the typed rows, this library's
// decodeTelemetry). Its defaults otherwise (fetches of up to 10 MB in 1.x and 50 MB in 2.x, a
// stream buffer of 1024 messages, auto-commit). Which release runs depends on the Node: see peers.ts.
import type { Buffer } from 'node:buffer';
import { contenderMain } from '../harness/contender-main.js';
import { valueWork } from '../harness/value-work.js';
import { loadPeer } from '../harness/peers.js';

interface MessagesStream {
  on(event: 'data', listener: (message: { value: Buffer | undefined }) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  close(): Promise<void>;
}

/** The slice of @platformatic/kafka's API used here. */
interface Platformatic {
  Consumer: new (options: { groupId: string; clientId: string; bootstrapBrokers: string[] }) => {
    consume(options: { topics: string[]; mode: string }): Promise<MessagesStream>;
    close(force?: boolean): Promise<void>;
  };
  MessagesStreamModes: { EARLIEST: string };
}

contenderMain(async ({ bootstrap, topic, groupId, work }, meter) => {
  const decodeValue = valueWork(work);
  const { Consumer, MessagesStreamModes } = await loadPeer<Platformatic>('@platformatic/kafka');
  const consumer = new Consumer({ groupId, clientId: 'goodwe-kafka-bench', bootstrapBrokers: [bootstrap] });
  const stream = await consumer.consume({ topics: [topic], mode: MessagesStreamModes.EARLIEST });
  let sink = 0;
  const failed = new Promise<never>((_, reject) => stream.on('error', reject));
  stream.on('data', (message) => {
    if (message.value) sink += decodeValue(message.value);
    meter.add(1);
  });
  await Promise.race([meter.done, failed]);
  meter.extra['parsed'] = sink;
  await stream.close();
  await consumer.close(true);
});
