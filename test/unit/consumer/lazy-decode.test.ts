import { describe, expect, it } from 'vitest';
import { goodweConnection } from '../../../src/auth/goodwe-connection.js';
import { consumerOptionsSchema } from '../../../src/consumer/consumer-options.js';
import { TelemetryConsumer } from '../../../src/consumer/telemetry-consumer.js';
import { telemetryDecoder } from '../../../src/consumer/telemetry-decoder.js';
import { systemClock } from '../../../src/internal/clock.js';
import type { MessageDecoder } from '../../../src/records/message-decoder.js';
import type { InverterTelemetry } from '../../../src/telemetry/inverter-telemetry-schema.js';
import { FakeGroupConsumer } from '../../support/fake-group-consumer.js';
import { eventually, readingsOf } from '../../support/fake-consumer.js';

describe('buffered messages', () => {
  it('are decoded only when the loop reaches them, so a full buffer holds bytes, not decoded readings', async () => {
    const fake = new FakeGroupConsumer();
    fake.produce(0, readingsOf('SN1', 500));
    const options = consumerOptionsSchema.parse({
      connection: goodweConnection({ bootstrapServers: '127.0.0.1:1', topic: fake.topic, tls: false }),
      groupId: 'fake-group',
    });
    const decode = telemetryDecoder<InverterTelemetry>(options);
    let decoded = 0;
    const counting: MessageDecoder<InverterTelemetry> = (bytes) => {
      decoded++;
      return decode(bytes);
    };
    await using consumer = new TelemetryConsumer(options, counting, {
      createClient: (_options, hooks) => {
        fake.hooks = hooks;
        return Promise.resolve(fake);
      },
      clock: systemClock,
    });
    const iterator = consumer[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.value).toMatchObject({ offset: '0' });
    await eventually(() => consumer.stats().buffered >= 400, 'the fetcher buffered the partition');
    // Everything is fetched and waiting; only the message in hand was decoded.
    expect(decoded).toBe(1);
    await iterator.next();
    expect(decoded).toBe(2);
    await iterator.return?.();
  });
});
