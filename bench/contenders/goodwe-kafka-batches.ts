// This library's batch API: `for await` over consumer.batches({ maxRecords: 1000, maxWaitMs: 100 })
// with its defaults otherwise, so every record is decoded, normalised and validated, and a batch's
// offsets are committed after the body that received it.
import { goodweConnection } from '../../src/auth/goodwe-connection.js';
import { createTelemetryConsumer } from '../../src/consumer/create-telemetry-consumer.js';
import { contenderMain } from '../harness/contender-main.js';

contenderMain(async ({ bootstrap, topic, groupId }, meter) => {
  const consumer = createTelemetryConsumer({
    connection: goodweConnection({ bootstrapServers: bootstrap, topic, tls: false }),
    groupId,
  });
  let sink = 0;
  for await (const batch of consumer.batches({ maxRecords: 1000, maxWaitMs: 100 })) {
    for (const record of batch) sink += record.value.acPower ?? 0;
    if (meter.add(batch.length)) {
      const { consumed, invalid, messages } = consumer.stats();
      Object.assign(meter.extra, { consumed, invalid, messages, sink: Math.round(sink) });
      break; // closes the consumer: final commit, leave the group
    }
  }
});
