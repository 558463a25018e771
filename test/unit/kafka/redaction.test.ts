import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../../src/internal/redact-secrets.js';
import { forwardClientLogs, secretsOfConfig } from '../../../src/kafka/client-logs.js';
import { expectNoSecrets, hostilePasswords, recordingLogger } from '../../helpers/secret-scan.js';

describe('secret redaction', () => {
  it.each(hostilePasswords)('removes known secret %# and its URL-encoded form', (secret) => {
    const line = `auth with ${secret} failed; url a:${encodeURIComponent(secret)}@h`;
    const out = redactSecrets(line, [secret]);
    expectNoSecrets([out], [secret]);
    expect(out).toContain('[redacted]');
  });

  it.each([
    ['sasl.password = hunter2-XYZ', 'sasl.password = [redacted]'],
    ['CONF sasl.password=hunter2-XYZ ssl.ca.location=/ca.pem', 'CONF sasl.password=[redacted] ssl.ca.location=/ca.pem'],
    ['ssl.key.password: hunter2-XYZ', 'ssl.key.password: [redacted]'],
    ['sasl.password = [redacted]', 'sasl.password = [redacted]'],
  ])('removes secret-valued settings by name: %s', (line, expected) => {
    expect(redactSecrets(line)).toBe(expected);
  });

  it('removes PEM private keys but keeps certificates', () => {
    const key = '-----BEGIN RSA PRIVATE KEY-----\nMIIEsecret\n-----END RSA PRIVATE KEY-----';
    const cert = '-----BEGIN CERTIFICATE-----\nMIIBpublic\n-----END CERTIFICATE-----';
    expect(redactSecrets(`${cert}\n${key}`)).toBe(`${cert}\n[redacted]`);
  });

  it('finds the secrets in a librdkafka configuration', () => {
    const config = { 'sasl.password': 'pw', 'ssl.key.pem': 'KEY', 'sasl.username': 'alice', 'ssl.key.password': '' };
    expect(secretsOfConfig(config)).toEqual(['pw', 'KEY']);
  });

  it('forwards librdkafka log lines at their level, redacted, until stopped', () => {
    const client = new EventEmitter();
    const { logger, lines } = recordingLogger();
    const stop = forwardClientLogs(client, logger, ['alice-pw-7Qx2mZ']);
    client.emit('event.log', { severity: 3, fac: 'FAIL', message: 'auth failed' });
    client.emit('event.log', { severity: 4, fac: 'WARN', message: 'slow' });
    client.emit('event.log', { severity: 6, fac: 'INFO', message: 'ok' });
    client.emit('event.log', { severity: 7, fac: 'CONF', message: 'sasl.password = alice-pw-7Qx2mZ' });
    stop();
    client.emit('event.log', { severity: 3, fac: 'FAIL', message: 'after stop' });
    expect(lines.map((line) => line.split(' ')[0])).toEqual(['error', 'warn', 'info', 'debug']);
    expect(lines[3]).toContain('sasl.password = [redacted]');
    expect(lines[0]).toContain("facility: 'FAIL'");
    expectNoSecrets(lines, ['alice-pw-7Qx2mZ']);
  });
});
