import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { connectionFromEnv, ConfigError, goodweConnection } from 'goodwe-kafka';

const PASSWORD = 'Sup3r-S3cret';

function thrown(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

// Every way an error reaches a person or a log.
function shown(error: Error): string[] {
  return [error.message, error.stack ?? '', inspect(error), JSON.stringify(error), String(error)];
}

describe('a connection URL pasted as the broker address', () => {
  it.each([
    ['a SASL URL', `kafka+sasl-ssl://alice:${PASSWORD}@kafka1.example.com:9093`],
    ['a URL with a host list and topic', `kafka+sasl-ssl://alice:${PASSWORD}@h1:9093,h2:9093/ACME01`],
    ['a password holding a comma', `kafka+sasl-ssl://alice:Sup3r,-S3cret@h1:9093`],
    ['a password holding a raw @ and /', `kafka+sasl-ssl://alice:Sup/3r@-S3cret@h1:9093`],
    ['user-info without a scheme', `alice:${PASSWORD}@h1:9093`],
  ])('is refused for %s without quoting the password anywhere', (_name, bootstrapServers) => {
    const error = thrown(() =>
      goodweConnection({ bootstrapServers, account: 'alice', password: PASSWORD, topic: 'ACME01' }),
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/this looks like a connection URL: pass it to connectionFromUrl\(\)/);
    expect(error.message).toMatch(/--url or GOODWE_KAFKA_URL/);
    for (const text of shown(error)) {
      expect(text).not.toContain('S3cret');
      expect(text).not.toContain('Sup3r');
    }
  });

  it('is refused in GOODWE_KAFKA_BOOTSTRAP_SERVERS, naming the variable and not the password', () => {
    const error = thrown(() =>
      connectionFromEnv({
        GOODWE_KAFKA_BOOTSTRAP_SERVERS: `kafka+sasl-ssl://alice:${PASSWORD}@kafka1.example.com:9093`,
        GOODWE_KAFKA_ACCOUNT: 'alice',
        GOODWE_KAFKA_PASSWORD: PASSWORD,
        GOODWE_KAFKA_TOPIC: 'ACME01',
      }),
    );
    expect(error.message).toMatch(/GOODWE_KAFKA_BOOTSTRAP_SERVERS is not host:port: this looks like a connection URL/);
    for (const text of shown(error)) expect(text).not.toContain(PASSWORD);
  });
});

describe('every library error', () => {
  it('redacts the user-info of a URL in its message, stack and inspection', () => {
    const error = new ConfigError(`Could not use kafka+sasl-ssl://alice:${PASSWORD}@host:9093/ACME01 here`);
    expect(error.message).toBe('Could not use kafka+sasl-ssl://[redacted]@host:9093/ACME01 here');
    for (const text of shown(error)) expect(text).not.toContain(PASSWORD);
  });
});
