import { describe, expect, it } from 'vitest';
import { runCliProcess } from '../support/run-cli-process.js';

// The command line run as a user runs it (a process on src/cli/main.ts), for what went wrong there.

const PASSWORD = 'Sup3r-S3cret';

describe('goodwe-kafka as a user runs it', () => {
  it('doctor refuses a connection URL set as GOODWE_KAFKA_BOOTSTRAP_SERVERS and never prints its password', async () => {
    const run = await runCliProcess(['doctor'], {
      GOODWE_KAFKA_BOOTSTRAP_SERVERS: `kafka+sasl-ssl://alice:${PASSWORD}@kafka1.example.com:9093/ACME01`,
      GOODWE_KAFKA_ACCOUNT: 'alice',
      GOODWE_KAFKA_PASSWORD: PASSWORD,
      GOODWE_KAFKA_TOPIC: 'ACME01',
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^goodwe-kafka: .*GOODWE_KAFKA_BOOTSTRAP_SERVERS is not host:port: this looks like a connection URL/,
    );
    expect(run.stderr).toMatch(/--url or GOODWE_KAFKA_URL/);
    expect(run.stdout + run.stderr).not.toContain(PASSWORD);
  });

  it('doctor refuses a connection URL given as --bootstrap-servers and never prints its password', async () => {
    const url = `kafka+sasl-ssl://alice:${PASSWORD}@kafka1.example.com:9093`;
    const run = await runCliProcess(['doctor', '--bootstrap-servers', url, '--account', 'alice', '--topic', 'ACME01'], {
      GOODWE_KAFKA_PASSWORD: PASSWORD,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/this looks like a connection URL/);
    expect(run.stdout + run.stderr).not.toContain(PASSWORD);
  });
});
