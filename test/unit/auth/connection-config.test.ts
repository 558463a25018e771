import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { goodweConnection } from '../../../src/auth/goodwe-connection.js';
import type { ConnectionOptions } from '../../../src/auth/connection-options.js';
import { refreshSaslCredentials, requiredFeatures, toClientConfig } from '../../../src/kafka/connection-config.js';
import type { SelfCheckReport } from '../../../src/kafka/self-check.js';
import { errorTexts, expectNoSecrets } from '../../helpers/secret-scan.js';

const dir = mkdtempSync(join(tmpdir(), 'gwk-map-test-'));
const pemFile = join(dir, 'ca.pem');
const certPem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
const keyPem = '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----';
writeFileSync(pemFile, `${certPem}\n`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base: ConnectionOptions = {
  bootstrapServers: 'h1:9093, h2:9093',
  account: 'alice',
  password: 'alice-pw-7Qx2mZ',
  topic: 'T',
};
const fullBuild: SelfCheckReport = {
  librdkafkaVersion: '2.15.1',
  features: ['ssl', 'sasl', 'sasl_plain', 'sasl_scram'],
};

describe('librdkafka configuration of a connection', () => {
  it('maps a secure connection to SASL_SSL with verification on', async () => {
    expect(await toClientConfig(goodweConnection(base))).toEqual({
      'security.protocol': 'sasl_ssl',
      'bootstrap.servers': 'h1:9093,h2:9093',
      'sasl.username': 'alice',
      'sasl.password': 'alice-pw-7Qx2mZ',
      'sasl.mechanisms': 'SCRAM-SHA-512',
      'ssl.endpoint.identification.algorithm': 'https',
      'enable.ssl.certificate.verification': true,
      'client.id': 'goodwe-kafka',
      'socket.connection.setup.timeout.ms': 15_000,
    });
  });

  it.each<[string, ConnectionOptions, Record<string, unknown>, string[]]>([
    [
      'SASL without TLS',
      { ...base, tls: false, allowInsecure: true, mechanism: 'PLAIN' },
      { 'security.protocol': 'sasl_plaintext', 'sasl.mechanisms': 'PLAIN' },
      ['ssl.endpoint.identification.algorithm'],
    ],
    [
      'plaintext',
      { bootstrapServers: 'h:9092', topic: 'T', tls: false },
      { 'security.protocol': 'plaintext' },
      ['sasl.username', 'sasl.password', 'sasl.mechanisms'],
    ],
    [
      'TLS without SASL',
      { bootstrapServers: 'h:9093', topic: 'T' },
      { 'security.protocol': 'ssl' },
      ['sasl.mechanisms'],
    ],
    ['a CA file', { ...base, tls: { ca: pemFile } }, { 'ssl.ca.location': pemFile }, ['ssl.ca.pem']],
    ['a CA directory', { ...base, tls: { ca: dir } }, { 'ssl.ca.location': dir }, []],
    [
      'inline PEM',
      { ...base, tls: { ca: certPem, cert: certPem, key: keyPem } },
      { 'ssl.ca.pem': certPem, 'ssl.certificate.pem': certPem, 'ssl.key.pem': keyPem },
      ['ssl.ca.location'],
    ],
    [
      'mutual TLS from files',
      { ...base, tls: { cert: pemFile, key: pemFile } },
      { 'ssl.certificate.location': pemFile, 'ssl.key.location': pemFile },
      [],
    ],
    [
      'host name checking off',
      { ...base, tls: { verifyHostname: false } },
      { 'ssl.endpoint.identification.algorithm': 'none', 'enable.ssl.certificate.verification': true },
      [],
    ],
    [
      'certificate checking off',
      { ...base, tls: { rejectUnauthorized: false } },
      { 'enable.ssl.certificate.verification': false },
      [],
    ],
    [
      'a client id and timeout',
      { ...base, clientId: 'acme', connectTimeoutMs: 4000 },
      { 'client.id': 'acme', 'socket.connection.setup.timeout.ms': 4000 },
      [],
    ],
  ])('maps %s', async (_name, options, expected, absent) => {
    const config = await toClientConfig(goodweConnection(options), { report: fullBuild });
    expect(config).toMatchObject(expected);
    for (const key of absent) expect(config).not.toHaveProperty(key);
  });

  it('resolves a password provider afresh for every client', async () => {
    let calls = 0;
    const connection = goodweConnection({ ...base, password: async () => `rotated-${++calls}` });
    expect((await toClientConfig(connection))['sasl.password']).toBe('rotated-1');
    expect((await toClientConfig(connection))['sasl.password']).toBe('rotated-2');
  });

  it.each<[string, () => unknown, RegExp]>([
    [
      'throws',
      () => {
        throw new Error('vault unreachable');
      },
      /password provider failed: vault unreachable/,
    ],
    ['rejects', () => Promise.reject(new Error('denied')), /password provider failed: denied/],
    ['returns an empty string', () => '', /returned an empty string/],
    ['returns a number', () => 42, /returned a number/],
  ])('fails with a ConfigError when the provider %s', async (_name, provider, message) => {
    const connection = goodweConnection({ ...base, password: provider as () => string });
    await expect(toClientConfig(connection)).rejects.toMatchObject({
      code: 'GWK_CONFIG',
      message: expect.stringMatching(message),
    });
  });

  it('hands freshly resolved credentials to a connected client', async () => {
    const calls: [string, string][] = [];
    const client = { setSaslCredentials: (user: string, password: string) => void calls.push([user, password]) };
    await refreshSaslCredentials(client, goodweConnection({ ...base, password: () => 'new-secret' }));
    await refreshSaslCredentials(client, goodweConnection({ bootstrapServers: 'h:1', topic: 'T' }));
    expect(calls).toEqual([['alice', 'new-secret']]);
  });
});

describe('self-check of the linked librdkafka', () => {
  it.each<[string, ConnectionOptions, string[]]>([
    ['SCRAM over TLS', base, ['ssl', 'sasl_scram']],
    ['PLAIN over TLS', { ...base, mechanism: 'PLAIN' }, ['ssl', 'sasl_plain']],
    ['SCRAM without TLS', { ...base, tls: false, allowInsecure: true }, ['sasl_scram']],
    ['plaintext', { bootstrapServers: 'h:1', topic: 'T', tls: false }, []],
  ])('knows what %s needs', (_name, options, features) => {
    expect(requiredFeatures(goodweConnection(options))).toEqual(features);
  });

  it.each<[string, ConnectionOptions, string[], RegExp]>([
    ['ssl for TLS', base, ['sasl_scram'], /built without ssl,/],
    ['sasl_scram for SCRAM', base, ['ssl'], /built without sasl_scram/],
    ['sasl_plain for PLAIN', { ...base, mechanism: 'PLAIN' }, ['ssl', 'sasl_scram'], /built without sasl_plain/],
  ])('refuses a connection needing %s when the build lacks it', async (_name, options, features, message) => {
    const report = { librdkafkaVersion: '2.15.1-fake', features };
    const attempt = toClientConfig(goodweConnection(options), { report });
    await expect(attempt).rejects.toMatchObject({
      code: 'GWK_UNSUPPORTED_FEATURE',
      message: expect.stringMatching(message),
    });
    const error = await attempt.catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/librdkafka 2\.15\.1-fake.*npm rebuild @confluentinc\/kafka-javascript/);
    expectNoSecrets(errorTexts(error), ['alice-pw-7Qx2mZ']);
  });

  it('checks the build before resolving the password', async () => {
    let resolved = false;
    const connection = goodweConnection({ ...base, password: () => ((resolved = true), 'x') });
    await expect(toClientConfig(connection, { report: { librdkafkaVersion: 'x', features: [] } })).rejects.toThrow();
    expect(resolved).toBe(false);
  });
});
