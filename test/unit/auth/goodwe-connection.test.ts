import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { goodweConnection } from '../../../src/auth/goodwe-connection.js';
import { KafkaConnection } from '../../../src/auth/kafka-connection.js';
import type { ConnectionOptions } from '../../../src/auth/connection-options.js';
import { isGoodweKafkaError } from '../../../src/errors/goodwe-kafka-error.js';
import { errorTexts, expectNoSecrets, hostilePasswords, recordingLogger } from '../../helpers/secret-scan.js';

const dir = mkdtempSync(join(tmpdir(), 'gwk-conn-test-'));
const caFile = join(dir, 'ca.pem');
const notPem = join(dir, 'not-pem.txt');
writeFileSync(caFile, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
writeFileSync(notPem, 'hello');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base: ConnectionOptions = {
  bootstrapServers: 'kafka1.example.com:9093,kafka2.example.com:9093',
  account: 'acme-reader',
  password: 'alice-pw-7Qx2mZ',
  topic: 'ACME01',
};

function failure(options: ConnectionOptions): Error & { code?: string } {
  try {
    goodweConnection(options);
  } catch (error) {
    expect(isGoodweKafkaError(error)).toBe(true);
    return error as Error & { code: string };
  }
  throw new Error('expected goodweConnection to throw');
}

describe('goodweConnection', () => {
  it('is secure by default: SASL over TLS with SCRAM-SHA-512 and full verification', () => {
    const connection = goodweConnection(base);
    expect(connection).toMatchObject({
      bootstrapServers: ['kafka1.example.com:9093', 'kafka2.example.com:9093'],
      account: 'acme-reader',
      topic: 'ACME01',
      mechanism: 'SCRAM-SHA-512',
      securityProtocol: 'sasl_ssl',
      tls: { ca: undefined, verifyHostname: true, rejectUnauthorized: true },
      allowInsecure: false,
      clientId: 'goodwe-kafka',
      connectTimeoutMs: 15_000,
    });
  });

  it('names the topic after the distributor code', () => {
    const { topic: _topic, ...rest } = base;
    const connection = goodweConnection({ ...rest, distributorCode: 'ACME01' });
    expect(connection.topic).toBe('ACME01');
    expect(connection.distributorCode).toBe('ACME01');
  });

  it('connects without SASL when no account is given', () => {
    const connection = goodweConnection({ bootstrapServers: 'localhost:9092', topic: 't', tls: false });
    expect(connection.securityProtocol).toBe('plaintext');
    expect(goodweConnection({ bootstrapServers: 'localhost:9093', topic: 't' }).securityProtocol).toBe('ssl');
  });

  it.each<[string, ConnectionOptions, RegExp]>([
    [
      'a password without an account',
      { bootstrapServers: 'h:1', password: 'x', topic: 't' },
      /options\.account is missing/,
    ],
    ['an account without a password', { ...base, password: undefined }, /options\.password is missing/],
    ['no topic', { ...base, topic: undefined }, /options\.topic is missing.*options\.distributorCode/],
    ['topic and code that disagree', { ...base, distributorCode: 'OTHER' }, /disagree/],
    ['a topic with a slash', { ...base, topic: 'a/b' }, /options\.topic must be 1-249 characters/],
    [
      'an unknown mechanism',
      { ...base, mechanism: 'GSSAPI' as never },
      /options\.mechanism must be one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512/,
    ],
    [
      'a bad address',
      { ...base, bootstrapServers: 'kafka1.example.com' },
      /options\.bootstrapServers "kafka1.example.com" has no port/,
    ],
    ['an empty account', { ...base, account: ' ' }, /options\.account is empty/],
    ['an empty password', { ...base, password: '' }, /options\.password is empty/],
    ['a misspelt option', { ...base, pasword: 'x' } as never, /Unrecognized key/],
    ['a tiny timeout', { ...base, connectTimeoutMs: 10 }, /options\.connectTimeoutMs must be at least 1000 ms/],
    ['a certificate without its key', { ...base, tls: { cert: caFile } }, /options\.tls\.key is missing/],
    [
      'a CA file that does not exist',
      { ...base, tls: { ca: join(dir, 'nope.pem') } },
      /options\.tls\.ca file .*nope\.pem does not exist/,
    ],
    [
      'a CA file that is not PEM',
      { ...base, tls: { ca: notPem } },
      /options\.tls\.ca file .*not-pem\.txt holds no PEM/,
    ],
    [
      'a logger without methods',
      { ...base, logger: {} as never },
      /options\.logger must have debug, info, warn and error/,
    ],
  ])('rejects %s with a ConfigError naming the option', (_name, options, message) => {
    const error = failure(options);
    expect(error.code).toBe('GWK_CONFIG');
    expect(error.message).toMatch(message);
    expectNoSecrets(errorTexts(error), ['alice-pw-7Qx2mZ']);
  });

  it('refuses to send the password without TLS', () => {
    const error = failure({ ...base, tls: false });
    expect(error.code).toBe('GWK_INSECURE_CONFIG');
    expect(error.message).toMatch(/without TLS.*allowInsecure/);
  });

  it('allows SASL without TLS when told, and warns once', () => {
    const { logger, lines } = recordingLogger();
    const connection = goodweConnection({ ...base, tls: false, allowInsecure: true, logger });
    expect(connection.securityProtocol).toBe('sasl_plaintext');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^warn .*without TLS/);
  });

  it.each([
    ['host name checking', { verifyHostname: false }],
    ['certificate checking', { rejectUnauthorized: false }],
  ])('warns once when %s is turned off', (_name, tls) => {
    const { logger, lines } = recordingLogger();
    goodweConnection({ ...base, tls, logger });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^warn .*does not fully verify the broker certificate/);
  });

  it('logs nothing when everything is verified', () => {
    const { logger, lines } = recordingLogger();
    goodweConnection({ ...base, tls: { ca: caFile }, logger });
    expect(lines).toEqual([]);
  });

  it.each(hostilePasswords)('never shows the password %#, in inspect, JSON, String or keys', (password) => {
    for (const source of [password, () => password, async () => password]) {
      const connection = goodweConnection({ ...base, password: source });
      const texts = [
        inspect(connection),
        inspect(connection, { showHidden: true, depth: Infinity }),
        JSON.stringify(connection),
        String(connection),
        JSON.stringify(Object.entries(connection)),
        JSON.stringify({ ...connection }),
      ];
      expectNoSecrets(texts, [password]);
      expect(inspect(connection)).toContain("password: '[redacted]'");
      expect(JSON.parse(JSON.stringify(connection))).toMatchObject({ password: '[redacted]', account: 'acme-reader' });
    }
  });

  it('hides an inline private key but shows file paths', () => {
    const key = '-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWtleS1ieXRlcw==\n-----END PRIVATE KEY-----';
    const connection = goodweConnection({ ...base, tls: { ca: caFile, cert: caFile, key } });
    expect(connection.tls).toMatchObject({ ca: caFile, cert: caFile, key: '[redacted]' });
    expectNoSecrets([inspect(connection), JSON.stringify(connection)], ['c2VjcmV0LWtleS1ieXRlcw==']);
  });

  it('is immutable', () => {
    const connection = goodweConnection(base);
    expect(Object.isFrozen(connection)).toBe(true);
    expect(Object.isFrozen(connection.bootstrapServers)).toBe(true);
    expect(() => {
      (connection as { topic: string }).topic = 'other';
    }).toThrow(TypeError);
  });

  it('can only be created through the factories, which validate', () => {
    expect(() => new KafkaConnection({} as never, Symbol('fake'))).toThrow(/goodweConnection/);
  });
});
