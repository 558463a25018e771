import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connectionFromEnv } from '../../../src/auth/connection-from-env.js';
import { toClientConfig } from '../../../src/kafka/connection-config.js';
import { errorTexts, expectNoSecrets, hostilePasswords, recordingLogger } from '../../helpers/secret-scan.js';

const dir = mkdtempSync(join(tmpdir(), 'gwk-env-test-'));
const caFile = join(dir, 'ca.pem');
writeFileSync(caFile, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PASSWORD = 'alice-pw-7Qx2mZ';
const env = {
  GOODWE_KAFKA_BOOTSTRAP_SERVERS: 'kafka1.example.com:9093,kafka2.example.com:9093',
  GOODWE_KAFKA_ACCOUNT: 'acme-reader',
  GOODWE_KAFKA_PASSWORD: PASSWORD,
  GOODWE_KAFKA_TOPIC: 'ACME01',
};

function failure(vars: Record<string, string | undefined>): Error & { code?: string } {
  try {
    connectionFromEnv(vars);
  } catch (error) {
    expectNoSecrets(errorTexts(error), [PASSWORD, ...hostilePasswords]);
    return error as Error & { code: string };
  }
  throw new Error('expected connectionFromEnv to throw');
}

describe('connectionFromEnv', () => {
  it('reads the GoodWe-issued details with secure defaults', () => {
    expect(connectionFromEnv(env)).toMatchObject({
      bootstrapServers: ['kafka1.example.com:9093', 'kafka2.example.com:9093'],
      account: 'acme-reader',
      topic: 'ACME01',
      mechanism: 'SCRAM-SHA-512',
      securityProtocol: 'sasl_ssl',
      tls: { ca: undefined, verifyHostname: true },
    });
  });

  it.each<[string, Record<string, string>, Record<string, unknown>]>([
    [
      'the distributor code as the topic',
      { GOODWE_KAFKA_TOPIC: '', GOODWE_KAFKA_DISTRIBUTOR_CODE: 'ACME02' },
      { topic: 'ACME02', distributorCode: 'ACME02' },
    ],
    ['a topic equal to the code', { GOODWE_KAFKA_DISTRIBUTOR_CODE: 'ACME01' }, { topic: 'ACME01' }],
    ['a mechanism in any case', { GOODWE_KAFKA_MECHANISM: 'scram-sha-256' }, { mechanism: 'SCRAM-SHA-256' }],
    ['PLAIN', { GOODWE_KAFKA_MECHANISM: 'PLAIN' }, { mechanism: 'PLAIN' }],
    ['a CA file', { GOODWE_KAFKA_CA_FILE: caFile }, { tls: { ca: caFile } }],
    [
      'TLS off with allowInsecure',
      { GOODWE_KAFKA_TLS: 'false', GOODWE_KAFKA_ALLOW_INSECURE: 'yes' },
      { securityProtocol: 'sasl_plaintext', allowInsecure: true },
    ],
    [
      'a client id and timeout',
      { GOODWE_KAFKA_CLIENT_ID: 'acme-ingest', GOODWE_KAFKA_CONNECT_TIMEOUT_MS: '5000' },
      { clientId: 'acme-ingest', connectTimeoutMs: 5000 },
    ],
    ['an IPv6 address', { GOODWE_KAFKA_BOOTSTRAP_SERVERS: '[::1]:9093' }, { bootstrapServers: ['[::1]:9093'] }],
  ])('reads %s', (_name, extra, expected) => {
    expect(connectionFromEnv({ ...env, ...extra })).toMatchObject(expected);
  });

  it.each<[string, Record<string, string | undefined>, RegExp]>([
    [
      'the address missing',
      { GOODWE_KAFKA_BOOTSTRAP_SERVERS: undefined },
      /Missing GOODWE_KAFKA_BOOTSTRAP_SERVERS: set it to .*host:port/,
    ],
    ['the address empty', { GOODWE_KAFKA_BOOTSTRAP_SERVERS: '  ' }, /Missing GOODWE_KAFKA_BOOTSTRAP_SERVERS/],
    ['the account missing', { GOODWE_KAFKA_ACCOUNT: undefined }, /Missing GOODWE_KAFKA_ACCOUNT/],
    ['the password missing', { GOODWE_KAFKA_PASSWORD: undefined }, /Missing GOODWE_KAFKA_PASSWORD/],
    ['the password empty', { GOODWE_KAFKA_PASSWORD: '' }, /Missing GOODWE_KAFKA_PASSWORD/],
    [
      'the topic and code missing',
      { GOODWE_KAFKA_TOPIC: undefined },
      /GOODWE_KAFKA_TOPIC is missing.*GOODWE_KAFKA_DISTRIBUTOR_CODE/,
    ],
    [
      'topic and code disagreeing',
      { GOODWE_KAFKA_DISTRIBUTOR_CODE: 'OTHER' },
      /GOODWE_KAFKA_TOPIC \(ACME01\) and GOODWE_KAFKA_DISTRIBUTOR_CODE \(OTHER\) disagree/,
    ],
    ['a bad topic', { GOODWE_KAFKA_TOPIC: 'ACME 01' }, /GOODWE_KAFKA_TOPIC must be 1-249 characters/],
    [
      'a bad port',
      { GOODWE_KAFKA_BOOTSTRAP_SERVERS: 'kafka1:99999' },
      /GOODWE_KAFKA_BOOTSTRAP_SERVERS "kafka1:99999" has an invalid port/,
    ],
    [
      'no port',
      { GOODWE_KAFKA_BOOTSTRAP_SERVERS: 'kafka1,kafka2:9093' },
      /GOODWE_KAFKA_BOOTSTRAP_SERVERS "kafka1" has no port/,
    ],
    [
      'an unknown mechanism',
      { GOODWE_KAFKA_MECHANISM: 'SCRAM-SHA-1' },
      /GOODWE_KAFKA_MECHANISM: "SCRAM-SHA-1" is not one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512/,
    ],
    [
      'a missing CA file',
      { GOODWE_KAFKA_CA_FILE: '/nonexistent/ca.pem' },
      /GOODWE_KAFKA_CA_FILE file \/nonexistent\/ca\.pem does not exist/,
    ],
    [
      'a CA file with TLS off',
      { GOODWE_KAFKA_CA_FILE: caFile, GOODWE_KAFKA_TLS: 'false' },
      /GOODWE_KAFKA_CA_FILE: .*GOODWE_KAFKA_TLS is false/,
    ],
    [
      'a non-boolean flag',
      { GOODWE_KAFKA_ALLOW_INSECURE: 'maybe' },
      /GOODWE_KAFKA_ALLOW_INSECURE: "maybe" is not a boolean/,
    ],
    [
      'a non-numeric timeout',
      { GOODWE_KAFKA_CONNECT_TIMEOUT_MS: '15s' },
      /GOODWE_KAFKA_CONNECT_TIMEOUT_MS: "15s" is not a whole number/,
    ],
    [
      'a timeout too small',
      { GOODWE_KAFKA_CONNECT_TIMEOUT_MS: '5' },
      /GOODWE_KAFKA_CONNECT_TIMEOUT_MS must be at least 1000 ms/,
    ],
  ])('fails with a ConfigError naming the variable for %s', (_name, change, message) => {
    const error = failure({ ...env, ...change });
    expect(error.code).toBe('GWK_CONFIG');
    expect(error.message).toMatch(message);
  });

  it('refuses TLS off without GOODWE_KAFKA_ALLOW_INSECURE', () => {
    const error = failure({ ...env, GOODWE_KAFKA_TLS: 'false' });
    expect(error.code).toBe('GWK_INSECURE_CONFIG');
    expect(error.message).toMatch(/GOODWE_KAFKA_ALLOW_INSECURE/);
  });

  it.each(hostilePasswords)('keeps hostile password %# verbatim and never shows it', async (password) => {
    const { logger, lines } = recordingLogger();
    const connection = connectionFromEnv({ ...env, GOODWE_KAFKA_PASSWORD: password }, { logger });
    const config = await toClientConfig(connection);
    expect(config['sasl.password'] === password).toBe(true);
    expectNoSecrets([JSON.stringify(connection), String(connection), ...lines], [password]);
  });

  it('reads process.env by default', () => {
    expect(() => connectionFromEnv()).toThrow(/GOODWE_KAFKA_/);
  });
});
