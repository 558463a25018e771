import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connectionFromUrl } from '../../../src/auth/connection-from-url.js';
import { toClientConfig } from '../../../src/kafka/connection-config.js';
import { errorTexts, expectNoSecrets, hostilePasswords } from '../../helpers/secret-scan.js';

const dir = mkdtempSync(join(tmpdir(), 'gwk-url-test-'));
const caFile = join(dir, 'ca.pem');
writeFileSync(caFile, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PASSWORD = 'alice-pw-7Qx2mZ';

function failure(url: string, secrets: readonly string[] = [PASSWORD]): Error & { code?: string } {
  try {
    connectionFromUrl(url);
  } catch (error) {
    const texts = errorTexts(error);
    expectNoSecrets(texts, secrets);
    // Never the whole URL either.
    expect(texts.some((text) => text.includes(url))).toBe(false);
    return error as Error & { code: string };
  }
  throw new Error('expected connectionFromUrl to throw');
}

describe('connectionFromUrl', () => {
  it('reads the documented SASL_SSL form', () => {
    const connection = connectionFromUrl(
      `kafka+sasl-ssl://acme-reader:${PASSWORD}@host1:9093,host2:9093/ACME01?mechanism=SCRAM-SHA-512&ca=${caFile}`,
    );
    expect(connection).toMatchObject({
      bootstrapServers: ['host1:9093', 'host2:9093'],
      account: 'acme-reader',
      topic: 'ACME01',
      mechanism: 'SCRAM-SHA-512',
      securityProtocol: 'sasl_ssl',
      tls: { ca: caFile, verifyHostname: true, rejectUnauthorized: true },
    });
  });

  it.each<[string, string, Record<string, unknown>]>([
    [
      'system CAs and the default mechanism',
      'kafka+sasl-ssl://a:b@h:9093/T',
      { mechanism: 'SCRAM-SHA-512', tls: { ca: undefined } },
    ],
    [
      'SASL without TLS when allowed',
      'kafka+sasl-plaintext://a:b@h:9092/T?allowInsecure=true',
      { securityProtocol: 'sasl_plaintext' },
    ],
    ['plaintext without an account', 'kafka://localhost:9092/T', { securityProtocol: 'plaintext', account: undefined }],
    ['TLS without an account', 'kafka+ssl://localhost:9093/T', { securityProtocol: 'ssl' }],
    ['an upper-case scheme', 'KAFKA+SASL-SSL://a:b@h:9093/T', { securityProtocol: 'sasl_ssl' }],
    [
      'IPv6 hosts',
      'kafka+sasl-ssl://a:b@[::1]:9093,[2001:db8::2]:9094/T',
      { bootstrapServers: ['[::1]:9093', '[2001:db8::2]:9094'] },
    ],
    ['an encoded account', 'kafka+sasl-ssl://acme%40reader:b@h:9093/T', { account: 'acme@reader' }],
    ['a trailing slash and a fragment', 'kafka+sasl-ssl://a:b@h:9093/T/#notes', { topic: 'T' }],
    ['the distributor code as a parameter', 'kafka+sasl-ssl://a:b@h:9093?distributorCode=ACME01', { topic: 'ACME01' }],
    ['a lower-case mechanism', 'kafka+sasl-ssl://a:b@h:9093/T?mechanism=plain', { mechanism: 'PLAIN' }],
    [
      'client id and timeout',
      'kafka+sasl-ssl://a:b@h:9093/T?clientId=x&connectTimeoutMs=3000',
      { clientId: 'x', connectTimeoutMs: 3000 },
    ],
  ])('reads %s', (_name, url, expected) => {
    expect(connectionFromUrl(url)).toMatchObject(expected);
  });

  it.each(hostilePasswords)('round-trips encoded password %#', async (password) => {
    const connection = connectionFromUrl(`kafka+sasl-ssl://a:${encodeURIComponent(password)}@h:9093/T`);
    expect((await toClientConfig(connection))['sasl.password'] === password).toBe(true);
  });

  it.each([
    ['a raw @', 'p@ss@word-Xy7'],
    ['a raw colon', 'pa:ss:word-Xy7'],
    ['spaces', ' pass word-Xy7 '],
  ])('accepts %s in a password, as browsers do', async (_name, password) => {
    const connection = connectionFromUrl(`kafka+sasl-ssl://a:${password}@h:9093/T`);
    expect((await toClientConfig(connection))['sasl.password'] === password).toBe(true);
    expect(connection.bootstrapServers).toEqual(['h:9093']);
  });

  it.each<[string, string, RegExp]>([
    ['no scheme', `a:${PASSWORD}@h:9093/T`, /has no scheme; expected kafka\+sasl-ssl:\/\//],
    ['an unknown scheme', `https://a:${PASSWORD}@h:9093/T`, /unknown scheme https:\/\/; use kafka\+sasl-ssl:\/\//],
    ['a raw slash in the password', `kafka+sasl-ssl://a:${PASSWORD}/x@h:9093/T`, /cannot be split.*percent-encode/],
    ['a raw ? in the password', `kafka+sasl-ssl://a:${PASSWORD}?x@h:9093/T`, /cannot be split/],
    ['a raw # in the password', `kafka+sasl-ssl://a:${PASSWORD}#x@h:9093/T`, /cannot be split/],
    [
      'a broken %-escape in the password',
      `kafka+sasl-ssl://a:${PASSWORD}%zz@h:9093/T`,
      /password is not valid percent-encoding/,
    ],
    ['no password', 'kafka+sasl-ssl://a@h:9093/T', /URL password .* is missing/],
    ['an empty password', 'kafka+sasl-ssl://a:@h:9093/T', /URL password .* is missing/],
    ['no account', 'kafka+sasl-ssl://h:9093/T', /URL account .* is missing/],
    ['credentials on kafka://', `kafka://a:${PASSWORD}@h:9092/T`, /kafka:\/\/ URL carries no account or password/],
    ['no host', `kafka+sasl-ssl://a:${PASSWORD}@/T`, /URL host list is empty/],
    ['a host without a port', `kafka+sasl-ssl://a:${PASSWORD}@h/T`, /URL host list entry 1 has no port/],
    ['a bad port', `kafka+sasl-ssl://a:${PASSWORD}@h:9093,h2:70000/T`, /URL host list entry 2 has an invalid port/],
    ['a forgotten host', `kafka+sasl-ssl://alice:${PASSWORD}/T`, /URL account .* is missing/],
    ['no topic', `kafka+sasl-ssl://a:${PASSWORD}@h:9093`, /URL path \(\/TOPIC\) is missing/],
    ['a nested path', `kafka+sasl-ssl://a:${PASSWORD}@h:9093/a/b`, /one topic name/],
    ['a bad topic', `kafka+sasl-ssl://a:${PASSWORD}@h:9093/a%20b`, /URL path \(\/TOPIC\) must be 1-249 characters/],
    [
      'an unknown mechanism',
      `kafka+sasl-ssl://a:${PASSWORD}@h:9093/T?mechanism=MD5`,
      /mechanism "MD5" is not one of PLAIN/,
    ],
    [
      'an unknown parameter',
      `kafka+sasl-ssl://a:${PASSWORD}@h:9093/T?mechansim=PLAIN`,
      /unknown query parameter mechansim/,
    ],
    ['a parameter twice', `kafka+sasl-ssl://a:${PASSWORD}@h:9093/T?ca=a&ca=b`, /ca is given twice/],
    [
      'a missing CA file',
      `kafka+sasl-ssl://a:${PASSWORD}@h:9093/T?ca=/nonexistent.pem`,
      /URL query parameter ca file \/nonexistent\.pem does not exist/,
    ],
    ['a CA without TLS', `kafka://h:9092/T?ca=${caFile}`, /ca needs a TLS scheme/],
    [
      'a bad flag',
      `kafka+sasl-plaintext://a:${PASSWORD}@h:9092/T?allowInsecure=sure`,
      /allowInsecure "sure" is not true or false/,
    ],
  ])('fails with a ConfigError naming the URL part for %s', (_name, url, message) => {
    const error = failure(url);
    expect(error.code).toBe('GWK_CONFIG');
    expect(error.message).toMatch(message);
  });

  it('refuses SASL over plaintext without allowInsecure=true', () => {
    const error = failure(`kafka+sasl-plaintext://a:${PASSWORD}@h:9092/T`);
    expect(error.code).toBe('GWK_INSECURE_CONFIG');
    expect(error.message).toMatch(/allowInsecure/);
  });

  it.each(hostilePasswords)('never shows unencoded hostile password %# in an error', (password) => {
    for (const url of [
      `kafka+sasl-ssl://a:${password}@h:9093/T`,
      `kafka+sasl-ssl://a:${password}/T`,
      `kafka+sasl-plaintext://a:${password}@h:9092/T`,
      `kafka://a:${password}@h:9092/T`,
      `kafka+sasl-ssl://a:${password}@h/T`,
    ]) {
      try {
        connectionFromUrl(url);
      } catch (error) {
        expectNoSecrets(errorTexts(error), [password]);
      }
    }
  });
});
