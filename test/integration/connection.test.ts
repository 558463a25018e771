import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectionFromUrl } from '../../src/auth/connection-from-url.js';
import type { ConnectionOptions } from '../../src/auth/connection-options.js';
import { goodweConnection } from '../../src/auth/goodwe-connection.js';
import type { KafkaConnection } from '../../src/auth/kafka-connection.js';
import { freePort } from '../harness/free-port.js';
import { isGoodweKafkaError } from '../../src/errors/goodwe-kafka-error.js';
import { toClientConfig } from '../../src/kafka/connection-config.js';
import { KafkaProducer } from '../../src/kafka/kafka-producer.js';
import { KafkaReader } from '../../src/kafka/kafka-reader.js';
import { verifyConnection } from '../../src/kafka/verify-connection.js';
import { errorTexts, expectNoSecrets, hostilePasswords, recordingLogger } from '../helpers/secret-scan.js';
import { broker, createTopic } from '../support/kafka.js';

const info = broker();
const mechanisms = ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'] as const;
// Everything the tests see (errors, log lines) is scanned for these at the end.
const seen: string[] = [];
const secrets = [info.user.password, info.unauthorizedUser?.password ?? '', ...hostilePasswords].filter(Boolean);
const { logger, lines } = recordingLogger();
// Failure tests use a short limit. A failed connect keeps one libuv threadpool thread (4 by
// default) busy inside librdkafka's metadata call until this limit, even though the library has
// already rejected; waiting it out after each test keeps later timings honest.
const FAIL_LIMIT_MS = 1500;
const settle = (): Promise<void> => sleep(FAIL_LIMIT_MS + 250);
let otherCaFile: string;
let otherCaDir: string;

beforeAll(async () => {
  // A CA that did not sign the broker's certificate.
  otherCaDir = mkdtempSync(join(tmpdir(), 'gwk-other-ca-'));
  otherCaFile = join(otherCaDir, 'ca.pem');
  const args = ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=Other Test CA'];
  await promisify(execFile)('openssl', [...args, '-keyout', join(otherCaDir, 'ca.key'), '-out', otherCaFile]);
});

afterAll(() => {
  rmSync(otherCaDir, { recursive: true, force: true });
  expectNoSecrets([...seen, ...lines], secrets);
});

function sasl(listener: 'ssl' | 'plaintext', overrides: Partial<ConnectionOptions> = {}): ConnectionOptions {
  const tls = listener === 'ssl' ? { ca: info.caFile! } : false;
  return {
    bootstrapServers: (listener === 'ssl' ? info.saslSsl : info.saslPlaintext)!,
    account: info.user.name,
    password: info.user.password,
    topic: 'unused',
    tls,
    allowInsecure: listener === 'plaintext',
    logger,
    ...overrides,
  } as ConnectionOptions;
}

async function roundTrip(connection: KafkaConnection): Promise<void> {
  const config = await toClientConfig(connection);
  const value = `{"sn":"GW0001","via":"${connection.securityProtocol}/${connection.mechanism}"}`;
  await using producer = await KafkaProducer.connect(config, { logger });
  const delivery = await producer.send({ topic: connection.topic, value: Buffer.from(value), key: 'GW0001' });
  const position = { topic: connection.topic, partition: delivery.partition, offset: delivery.offset };
  await using reader = await KafkaReader.connect(config, [position], { logger });
  const [message] = await reader.read(1, 10_000);
  expect(message?.value?.toString()).toBe(value);
}

/** Runs `attempt`, which must fail; records what it exposes and returns the error and the time taken. */
async function failure(attempt: () => Promise<unknown>): Promise<{ error: Error & { code?: string }; ms: number }> {
  const started = Date.now();
  const error = await attempt().then(
    () => expect.fail('expected a typed error'),
    (e: unknown) => e as Error & { code?: string },
  );
  const ms = Date.now() - started;
  seen.push(...errorTexts(error));
  expect(isGoodweKafkaError(error)).toBe(true);
  return { error, ms };
}

describe('connections built by goodweConnection against a real broker', () => {
  for (const mechanism of mechanisms) {
    for (const listener of ['plaintext', 'ssl'] as const) {
      const name = listener === 'ssl' ? 'SASL_SSL with the test CA' : 'SASL_PLAINTEXT with allowInsecure';
      const address = listener === 'ssl' ? info.saslSsl : info.saslPlaintext;
      it.skipIf(!address || !info.mechanisms.includes(mechanism))(
        `produces and reads with ${mechanism} over ${name}`,
        async () => {
          const { topic, remove } = await createTopic('conn');
          try {
            const connection = goodweConnection(
              sasl(listener, { mechanism, topic, password: async () => info.user.password }),
            );
            await roundTrip(connection);
            expect(await verifyConnection(connection)).toMatchObject({ topic, partitions: 1, brokers: 1 });
          } finally {
            await remove();
          }
        },
      );
    }
  }

  it.skipIf(!info.saslSsl)('trusts a CA given as PEM text and connects by a URL', async () => {
    const { topic, remove } = await createTopic('conn-url');
    try {
      const ca = readFileSync(info.caFile!, 'utf8');
      await roundTrip(goodweConnection(sasl('ssl', { topic, tls: { ca } })));
      const password = encodeURIComponent(info.user.password);
      const url = `kafka+sasl-ssl://${info.user.name}:${password}@${info.saslSsl}/${topic}?mechanism=SCRAM-SHA-256&ca=${info.caFile}`;
      await roundTrip(connectionFromUrl(url, { logger }));
    } finally {
      await remove();
    }
  });

  it.skipIf(!info.saslSsl)(
    'checks the broker host name: a name the certificate lacks fails, unless told not to check',
    async () => {
      // 127.1 reaches the broker on 127.0.0.1, but the certificate names only localhost and 127.0.0.1.
      const port = info.saslSsl!.split(':').pop();
      const { topic, remove } = await createTopic('conn-host');
      try {
        const strict = goodweConnection(
          sasl('ssl', { topic, bootstrapServers: `127.1:${port}`, connectTimeoutMs: FAIL_LIMIT_MS }),
        );
        const { error, ms } = await failure(() => verifyConnection(strict));
        expect(error.code).toBe('GWK_TLS');
        expect(error.message).toMatch(/127\.1:/);
        expect(ms).toBeLessThan(strict.connectTimeoutMs);
        const lax = goodweConnection(
          sasl('ssl', { topic, bootstrapServers: `127.1:${port}`, tls: { ca: info.caFile!, verifyHostname: false } }),
        );
        await expect(verifyConnection(lax)).resolves.toMatchObject({ topic });
      } finally {
        await remove();
      }
    },
  );
});

describe('connection failures are fast and typed', () => {
  afterEach(settle);

  it.skipIf(!info.saslSsl)('rejects a wrong password with an AuthenticationError well within the limit', async () => {
    const connection = goodweConnection(sasl('ssl', { password: hostilePasswords[2] }));
    const { error, ms } = await failure(() => verifyConnection(connection));
    expect(error.code).toBe('GWK_AUTHENTICATION');
    expect(error.message).toMatch(/rejected the account, password or SASL mechanism.*brokers tried/);
    expect(ms).toBeLessThan(5_000);
  });

  it.each(mechanisms)('rejects an unknown account using %s', async (mechanism) => {
    const options = sasl('plaintext', {
      mechanism,
      account: 'nobody',
      password: hostilePasswords[4],
      connectTimeoutMs: FAIL_LIMIT_MS,
    });
    const { error, ms } = await failure(() => verifyConnection(goodweConnection(options)));
    expect(error.code).toBe('GWK_AUTHENTICATION');
    expect(ms).toBeLessThan(FAIL_LIMIT_MS);
  });

  // The test broker enables all three mechanisms on both SASL listeners and cannot be
  // reconfigured per test. Its PLAINTEXT listener enables none, which gives librdkafka's real
  // "mechanism handshake failed" reply: the closest honest stand-in for a disabled mechanism.
  it('rejects a SASL mechanism the listener does not enable with an AuthenticationError', async () => {
    const options = sasl('plaintext', { bootstrapServers: info.plaintext, connectTimeoutMs: FAIL_LIMIT_MS });
    const { error, ms } = await failure(() => verifyConnection(goodweConnection(options)));
    expect(error.code).toBe('GWK_AUTHENTICATION');
    expect(error.message).toMatch(/does not accept this SASL mechanism/);
    expect(ms).toBeLessThan(FAIL_LIMIT_MS);
  });

  it.skipIf(!info.saslSsl)('rejects a broker certificate from an unknown CA with a TlsError', async () => {
    const { error, ms } = await failure(() =>
      verifyConnection(goodweConnection(sasl('ssl', { tls: { ca: otherCaFile }, connectTimeoutMs: FAIL_LIMIT_MS }))),
    );
    expect(error.code).toBe('GWK_TLS');
    expect(error.message).toMatch(/certificate verify failed/);
    expect(ms).toBeLessThan(FAIL_LIMIT_MS);
  });

  it.skipIf(!info.saslSsl)('rejects a self-signed broker when only the system CAs are trusted', async () => {
    const { error } = await failure(() =>
      verifyConnection(goodweConnection(sasl('ssl', { tls: true, connectTimeoutMs: FAIL_LIMIT_MS }))),
    );
    expect(error.code).toBe('GWK_TLS');
  });

  it('rejects an address where nothing listens with a ConnectionError naming it, after the limit', async () => {
    const address = `127.0.0.1:${await freePort()}`;
    const connection = goodweConnection({
      bootstrapServers: address,
      topic: 't',
      tls: false,
      connectTimeoutMs: 2000,
      logger,
    });
    const { error, ms } = await failure(() => verifyConnection(connection));
    expect(error.code).toBe('GWK_CONNECTION');
    expect(error.message).toContain(`brokers tried: ${address}`);
    expect(ms).toBeGreaterThanOrEqual(1900);
    expect(ms).toBeLessThan(5_000);
  });

  it.skipIf(!info.unauthorizedUser)(
    'rejects an account without access to the topic with an AuthorizationError',
    async () => {
      const { topic, remove } = await createTopic('conn-acl');
      try {
        const user = info.unauthorizedUser!;
        const connection = goodweConnection(sasl('plaintext', { topic, account: user.name, password: user.password }));
        const { error } = await failure(() => verifyConnection(connection));
        expect(error.code).toBe('GWK_AUTHORIZATION');
        expect(error.message).toContain(`account ${user.name} may not access the topic`);
      } finally {
        await remove();
      }
    },
  );

  it('rejects a topic that does not exist with an UnknownTopicError, without creating it', async () => {
    const connection = goodweConnection(sasl('plaintext', { topic: `conn-missing-${Date.now()}` }));
    const { error } = await failure(() => verifyConnection(connection));
    expect(error.code).toBe('GWK_UNKNOWN_TOPIC');
    await failure(() => verifyConnection(connection));
  });

  it('stops when aborted and rejects with the signal reason', async () => {
    const address = `127.0.0.1:${await freePort()}`;
    const connection = goodweConnection({
      bootstrapServers: address,
      topic: 't',
      tls: false,
      connectTimeoutMs: FAIL_LIMIT_MS,
    });
    const reason = new Error('shutting down');
    const started = Date.now();
    await expect(
      verifyConnection(connection, { signal: AbortSignal.any([AbortSignal.timeout(300)]) }),
    ).rejects.toThrow();
    const controller = new AbortController();
    setTimeout(() => controller.abort(reason), 200);
    await expect(verifyConnection(connection, { signal: controller.signal })).rejects.toBe(reason);
    expect(Date.now() - started).toBeLessThan(FAIL_LIMIT_MS);
  });

  it.skipIf(!info.saslSsl)('redacts the password from librdkafka debug output forwarded to the logger', async () => {
    const debugLogger = recordingLogger();
    const connection = goodweConnection(sasl('ssl'));
    const config = { ...(await toClientConfig(connection)), debug: 'conf,security' };
    await using producer = await KafkaProducer.connect(config, { logger: debugLogger.logger });
    await producer.flush(1000);
    expect(debugLogger.lines.some((line) => /sasl\.password/.test(line))).toBe(true);
    expectNoSecrets(debugLogger.lines, secrets);
  });
});
