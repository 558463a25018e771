import { afterEach, describe, expect, it } from 'vitest';
import { createTelemetryConsumer } from '../../src/consumer/create-telemetry-consumer.js';
import { freePort } from '../harness/free-port.js';
import { broker, createTopic, uniqueName } from '../support/kafka.js';
import { plaintextConnection, saslConnection } from '../support/telemetry.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function firstNext(
  connection: Parameters<typeof createTelemetryConsumer>[0]['connection'],
  connectTimeoutMs = 10_000,
) {
  const consumer = createTelemetryConsumer({ connection, groupId: uniqueName('g'), connectTimeoutMs });
  const started = Date.now();
  const error = await consumer[Symbol.asyncIterator]()
    .next()
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  return { error: error as { code?: string; message?: string } | undefined, elapsedMs: Date.now() - started, consumer };
}

describe('TelemetryConsumer start-up failures', () => {
  it.skipIf(!broker().saslPlaintext)(
    'rejects the first next() with AuthenticationError for a wrong password',
    async () => {
      const { topic, remove } = await createTopic('fail', 1);
      cleanups.push(remove);
      const { error, elapsedMs, consumer } = await firstNext(
        saslConnection(topic, { name: broker().user.name, password: 'wrong-password-x1' }),
      );
      expect(error?.code).toBe('GWK_AUTHENTICATION');
      expect(error?.message).not.toContain('wrong-password-x1');
      expect(elapsedMs).toBeLessThan(10_000);
      expect(consumer.health().state).toBe('failed');
    },
  );

  it.skipIf(!broker().unauthorizedUser)(
    'rejects the first next() with AuthorizationError for a topic the account may not read',
    async () => {
      const { topic, remove } = await createTopic('fail', 1);
      cleanups.push(remove);
      const { error, elapsedMs } = await firstNext(saslConnection(topic, broker().unauthorizedUser!));
      expect(error?.code).toBe('GWK_AUTHORIZATION');
      expect(error?.message).toContain(topic);
      expect(elapsedMs).toBeLessThan(10_000);
    },
  );

  it('rejects the first next() with UnknownTopicError for a topic that does not exist', async () => {
    const topic = uniqueName('missing');
    const { error } = await firstNext(plaintextConnection(topic));
    expect(error?.code).toBe('GWK_UNKNOWN_TOPIC');
    expect(error?.message).toContain(topic);
  });

  it('rejects the first next() with ConnectionError naming the address when no broker listens there', async () => {
    const port = await freePort();
    const connection = plaintextConnection('t', `127.0.0.1:${port}`);
    const { error, elapsedMs } = await firstNext(connection, 3000);
    expect(error?.code).toBe('GWK_CONNECTION');
    expect(error?.message).toContain(`127.0.0.1:${port}`);
    expect(elapsedMs).toBeLessThan(10_000);
  });

  it('refuses at creation a kafkaConfig that would let librdkafka commit ahead of the loop body', () => {
    for (const key of ['enable.auto.commit', 'enable.auto.offset.store', 'group.id']) {
      expect(() =>
        createTelemetryConsumer({ connection: plaintextConnection('t'), groupId: 'g', kafkaConfig: { [key]: true } }),
      ).toThrow(expect.objectContaining({ code: 'GWK_CONFIG', message: expect.stringContaining(key) }));
    }
  });

  it('throws ConfigError at creation for invalid options, naming the option', () => {
    expect(() => createTelemetryConsumer({ connection: plaintextConnection('t'), groupId: '' })).toThrow(/groupId/);
    expect(() =>
      createTelemetryConsumer({ connection: plaintextConnection('t'), groupId: 'g', onInvalid: 'dead-letter' }),
    ).toThrow(/deadLetterTopic/);
  });
});
