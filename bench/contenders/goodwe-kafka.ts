// This library: `for await` over createTelemetryConsumer with its defaults, so every record is
// decoded, normalised and validated, and offsets are committed after each loop body (every 5 s).
import { goodweConnection } from '../../src/auth/goodwe-connection.js';
import { createTelemetryConsumer } from '../../src/consumer/create-telemetry-consumer.js';
import { contenderMain } from '../harness/contender-main.js';

contenderMain(async ({ bootstrap, topic, groupId }, meter) => {
  const consumer = createTelemetryConsumer({
    connection: goodweConnection({ bootstrapServers: bootstrap, topic, tls: false }),
    groupId,
  });
  let sink = 0;
  for await (const record of consumer) {
    sink += record.value.acPower ?? 0;
    if (meter.add(1)) {
      const { consumed, invalid, messages } = consumer.stats();
      Object.assign(meter.extra, { consumed, invalid, messages, sink: Math.round(sink) });
      break; // closes the consumer: final commit, leave the group
    }
  }
});
