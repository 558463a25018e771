// The backlog figure's child: this library's `for await` over a topic far bigger than it can read
// in the window, with a body that awaits 1 ms every `awaitEvery` records, sampling RSS all along.
// Usage: npx tsx bench/backlog/slow-body.ts '{"bootstrap":"127.0.0.1:9092","topic":"t","groupId":"g","windowMs":20000,"awaitEvery":25}'
import { setTimeout as sleep } from 'node:timers/promises';
import { goodweConnection } from '../../src/auth/goodwe-connection.js';
import { createTelemetryConsumer } from '../../src/consumer/create-telemetry-consumer.js';
import { childMain } from '../harness/child-main.js';

/** The job: where to read and how slow the body is. */
export interface SlowBodyJob {
  bootstrap: string;
  topic: string;
  groupId: string;
  /** Records on the topic: reading them all ends the window early. */
  records: number;
  /** How long to read, from the first record. */
  windowMs: number;
  /** The body awaits 1 ms every this many records. */
  awaitEvery: number;
}

/** RSS over the window, and how far the consumer got. */
export interface SlowBodyResult {
  /** `[ms since the first record, RSS bytes]`, every 250 ms. */
  samples: [number, number][];
  consumed: number;
  /** Records in the library's buffer at the end of the window. */
  buffered: number;
  /** Whether the topic ran out before the window did (then it was no longer a backlog). */
  drained: boolean;
}

const sampleMs = 250;

childMain<SlowBodyJob, SlowBodyResult>(async ({ bootstrap, topic, groupId, records, windowMs, awaitEvery }) => {
  const consumer = createTelemetryConsumer({
    connection: goodweConnection({ bootstrapServers: bootstrap, topic, tls: false }),
    groupId,
  });
  const samples: [number, number][] = [];
  let started: number | undefined;
  const sampler = setInterval(() => {
    if (started !== undefined) samples.push([Date.now() - started, process.memoryUsage.rss()]);
  }, sampleMs);
  let consumed = 0;
  let buffered = 0;
  let drained = true;
  try {
    for await (const record of consumer) {
      started ??= Date.now();
      consumed++;
      if (record.value.serialNumber.length === 0) throw new Error('unreachable');
      if (consumed % awaitEvery === 0) await sleep(1);
      if (consumed === records) break;
      if (Date.now() - started >= windowMs) {
        buffered = consumer.stats().buffered;
        drained = false;
        break;
      }
    }
  } finally {
    clearInterval(sampler);
  }
  return { samples, consumed, buffered, drained };
});
