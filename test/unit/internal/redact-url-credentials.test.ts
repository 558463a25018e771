import { describe, expect, it } from 'vitest';
import { redactSecrets, redactUrlCredentials } from '../../../src/internal/redact-secrets.js';

describe('redactUrlCredentials', () => {
  it.each([
    ['kafka+sasl-ssl://alice:pw@h:9093/T', 'kafka+sasl-ssl://[redacted]@h:9093/T'],
    [
      'see "kafka://a:b@h:1" and https://u:p@x.example/path',
      'see "kafka://[redacted]@h:1" and https://[redacted]@x.example/path',
    ],
    [
      'a raw @ and / in the password: kafka://a:p/w@rd@h:1/T',
      'a raw @ and / in the password: kafka://[redacted]@h:1/T',
    ],
    ['no user-info: kafka://h:9092/T, ops@example.com', 'no user-info: kafka://h:9092/T, ops@example.com'],
  ])('%s', (text, expected) => {
    expect(redactUrlCredentials(text)).toBe(expected);
  });

  it('is part of redactSecrets, used on forwarded client log lines', () => {
    expect(redactSecrets('connect to kafka+sasl-ssl://alice:pw@h:9093 failed')).toBe(
      'connect to kafka+sasl-ssl://[redacted]@h:9093 failed',
    );
  });
});
