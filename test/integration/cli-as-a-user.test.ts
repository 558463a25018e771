import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { broker, createTopic } from '../support/kafka.js';
import { runCliOnTerminal, runCliProcess } from '../support/run-cli-process.js';

// The command line run as a user runs it (a process on src/cli/main.ts), for what went wrong there.

const PASSWORD = 'Sup3r-S3cret';

describe('goodwe-kafka as a user runs it', () => {
  let topic: string;
  let remove: () => Promise<void>;
  let url: string;

  beforeAll(async () => {
    ({ topic, remove } = await createTopic('cli-user', 2));
    url = `kafka://${broker().plaintext}/${topic}`;
  });
  afterAll(() => remove());

  it('simulate --start -1d and replay --from -2h take a time ago as the docs write it (not as an ambiguous flag)', async () => {
    const before = Date.now();
    const fleet = ['--inverters', '2', '--interval', '5m', '--duration', '1d', '--seed', '3'];
    const simulate = await runCliProcess(['simulate', '--url', url, '--start', '-1d', ...fleet, '--json']);
    expect(simulate.stderr).toBe('');
    expect(simulate.code).toBe(0);
    expect(simulate.json<{ delivered: number }>()[0]!.delivered).toBeGreaterThan(0);

    const replay = await runCliProcess(['replay', '--url', url, '--from', '-1d', '--to', 'now', '--json']);
    expect(replay.stderr).toBe('');
    expect(replay.code).toBe(0);
    const times = replay.json<{ time: string }>().map((r) => Date.parse(r.time));
    expect(times.length).toBeGreaterThan(0);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(before - 86_400_000 - 60_000);

    const recent = await runCliProcess(['replay', '--url', url, '--from', '-2h', '--json']);
    expect(recent.stderr).toBe('');
    expect(recent.code).toBe(0);
    expect(recent.json<{ time: string }>().every((r) => Date.parse(r.time) >= before - 2 * 3_600_000 - 60_000)).toBe(
      true,
    );
  });

  it('simulate finishes with exit 0 on a terminal that reports 0 columns (the progress bar threw "Invalid count value: -1")', async () => {
    const run = await runCliOnTerminal([
      'simulate',
      '--url',
      url,
      ...['--inverters', '3', '--interval', '5m', '--readings', '20', '--speed-up', '20000'],
    ]);
    expect(run.stdout).not.toMatch(/Invalid count value/);
    expect(run.stdout).toMatch(/\rsimulate \d+/); // the bar was drawn
    expect(run.stdout).toMatch(/^messages published\s+\d+ /m);
    expect(run.code).toBe(0);
  });

  it('gaps --interval 5 is a usage error, not 5 ms (which reported thousands of false gaps)', async () => {
    const run = await runCliProcess(['gaps', '--url', url, '--from', '-1d', '--interval', '5']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'goodwe-kafka: --interval "5" has no unit; write 5ms, 5s, 5m, 5h or 5d. Run "goodwe-kafka gaps --help".\n',
    );
  });

  it('doctor stops at once on a password without GOODWE_KAFKA_ACCOUNT (it connected without SASL and blamed the network)', async () => {
    const started = Date.now();
    const run = await runCliProcess(['doctor'], {
      GOODWE_KAFKA_BOOTSTRAP_SERVERS: broker().saslSsl ?? broker().plaintext,
      GOODWE_KAFKA_PASSWORD: PASSWORD,
      GOODWE_KAFKA_TOPIC: topic,
    });
    expect(run.stderr).toBe(
      'goodwe-kafka: Missing GOODWE_KAFKA_ACCOUNT: set it to the account GoodWe issued [GWK_CONFIG]\n',
    );
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(Date.now() - started).toBeLessThan(5000); // the doctor's connect timeout is 8 s
  });

  it('doctor gives one diagnosis and its matching fix for TLS to a plaintext port (the fix blamed the CA)', async () => {
    const { plaintext, caFile } = broker();
    if (caFile === undefined) return;
    const run = await runCliProcess(
      ['doctor', '--bootstrap-servers', plaintext, '--topic', topic, '--ca', caFile, '--timeout', '4s', '--json'],
      {},
    );
    expect(run.code).toBe(3);
    const connection = run
      .json<{ check: string; status: string; summary: string; fix?: string }>()
      .find((c) => c.check === 'connection')!;
    expect(connection.status).toBe('fail');
    expect(connection.summary).toMatch(/looks like a plaintext listener/);
    expect(connection.fix).toBe(
      `${plaintext} is a plaintext listener, not a TLS one: use the TLS port GoodWe issued (usually 9093), or --plaintext (GOODWE_KAFKA_TLS=false) for a local broker without TLS`,
    );
    expect(connection.fix).not.toMatch(/CA|certificate/);
  });

  it('demo runs with the environment getting-started sets up (its topic and GOODWE_KAFKA_DISTRIBUTOR_CODE disagreed)', async () => {
    const { saslSsl, caFile, user } = broker();
    if (saslSsl === undefined || caFile === undefined) return;
    const run = await runCliProcess(
      ['demo', '--inverters', '4', '--readings', '6', '--speed-up', 'max', '--partitions', '1', '--json'],
      {
        GOODWE_KAFKA_BOOTSTRAP_SERVERS: saslSsl,
        GOODWE_KAFKA_ACCOUNT: user.name,
        GOODWE_KAFKA_PASSWORD: user.password,
        GOODWE_KAFKA_DISTRIBUTOR_CODE: 'ACME01',
        GOODWE_KAFKA_CA_FILE: caFile,
      },
      120_000,
    );
    expect(run.stderr).not.toMatch(/disagree/);
    expect(run.code).toBe(0);
    const [summary] = run.json<{ ok: boolean; broker: string; topic: string }>();
    expect(summary).toMatchObject({ ok: true, broker: `${saslSsl} (sasl_ssl SCRAM-SHA-512)` });
    expect(summary!.topic).toMatch(/^goodwe-demo-/);
  });

  it('simulate without --start publishes a window that ends now (it was a fixed date months ago, deleted by retention)', async () => {
    const own = await createTopic('cli-start', 1);
    try {
      const at = `kafka://${broker().plaintext}/${own.topic}`;
      const before = Date.now();
      const run = await runCliProcess(['simulate', '--url', at, '--inverters', '2', '--interval', '10m', '--json']);
      expect(run.code).toBe(0);
      const report = run.json<{ firstReadingMs: number; lastReadingMs: number; delivered: number }>()[0]!;
      expect(report.delivered).toBeGreaterThan(0);
      expect(report.lastReadingMs).toBeLessThanOrEqual(Date.now());
      expect(report.firstReadingMs).toBeGreaterThanOrEqual(before - 86_400_000 - 1000);
    } finally {
      await own.remove();
    }
  });

  describe('tail before the first reading (it printed nothing at all)', () => {
    // Publishes one reading once `ready` sees tail's output, so that tail has shown it before any reading.
    function publishWhen(at: string, ready: (stdout: string, stderr: string) => boolean) {
      let published: Promise<unknown> | undefined;
      return {
        watch: (stdout: string, stderr: string): void => {
          if (published === undefined && ready(stdout, stderr)) {
            published = runCliProcess(['simulate', '--url', at, '--inverters', '1', '--readings', '1']);
          }
        },
        done: () => published,
      };
    }

    it('shows the header and says it is waiting on a terminal', async () => {
      const own = await createTopic('cli-tail-tty', 1);
      try {
        const at = `kafka://${broker().plaintext}/${own.topic}`;
        const publisher = publishWhen(at, (out) => /waiting for readings/.test(out) && /^time\s+serial/m.test(out));
        const run = await runCliOnTerminal(
          ['tail', '--url', at, '--from-beginning', '--limit', '1'],
          {},
          60_000,
          publisher.watch,
        );
        await publisher.done();
        expect(run.code).toBe(0);
        const lines = run.stdout.split('\r\n');
        expect(lines[0]).toBe(
          `goodwe-kafka: following ${own.topic} (from the oldest retained record); waiting for readings, Ctrl-C to stop`,
        );
        expect(lines[1]).toMatch(/^time\s+serial\s+acPower W/);
        expect(lines[2]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ\s+\S+/);
      } finally {
        await own.remove();
      }
    });

    it('with --json keeps stdout NDJSON and says it is waiting on stderr', async () => {
      const own = await createTopic('cli-tail-json', 1);
      try {
        const at = `kafka://${broker().plaintext}/${own.topic}`;
        const publisher = publishWhen(at, (_out, err) => /waiting for readings/.test(err));
        const run = await runCliProcess(
          ['tail', '--url', at, '--from-beginning', '--limit', '1', '--json'],
          {},
          60_000,
          publisher.watch,
        );
        await publisher.done();
        expect(run.code).toBe(0);
        expect(run.json<{ serialNumber: string }>()).toHaveLength(1);
        expect(run.stderr).toMatch(
          /^goodwe-kafka: following \S+ \(from the oldest retained record\); waiting for readings/,
        );
      } finally {
        await own.remove();
      }
    });
  });

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
