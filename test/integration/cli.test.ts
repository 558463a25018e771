import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresBinDir } from '../support/postgres-server.js';
import { KafkaAdmin } from '../../src/kafka/kafka-admin.js';
import { simulateFleet } from '../../src/simulator/simulate-fleet.js';
import type { SimulationReport } from '../../src/simulator/simulation-report.js';
import { broker, createTopic, plaintextConfig } from '../support/kafka.js';
import { runCliProcess, runScriptProcess } from '../support/run-cli-process.js';

const fleet = ['--inverters', '6', '--interval', '5m', '--readings', '8', '--start', '2026-06-15T08:00:00Z'];
const faults = ['--loss', '0.1', '--duplicate', '0.1', '--invalid', '0.1', '--seed', '7'];

describe('goodwe-kafka against a real broker', () => {
  let topic: string;
  let remove: () => Promise<void>;
  let url: string;
  let report: SimulationReport & { delivered: number };

  beforeAll(async () => {
    ({ topic, remove } = await createTopic('cli', 3));
    url = `kafka://${broker().plaintext}/${topic}`;
    const run = await runCliProcess(['simulate', '--url', url, ...fleet, ...faults, '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    report = run.json<SimulationReport & { delivered: number }>()[0]!;
  });
  afterAll(() => remove());

  it('simulate publishes what its flags ask for and reports what it injected', () => {
    const expected = simulateFleet({
      inverters: 6,
      intervalMs: 300_000,
      readingsPerInverter: 8,
      start: '2026-06-15T08:00:00Z',
      loss: 0.1,
      duplicate: 0.1,
      invalid: 0.1,
      seed: 7,
    }).summarize();
    expect(report).toMatchObject({ type: 'simulation', topic, inverters: 6, readings: 48, complete: true });
    expect(report.published).toBe(report.readings - report.lost + report.duplicates + report.invalid);
    expect(report.delivered).toBe(report.published);
    expect({ lost: report.lost, duplicates: report.duplicates, invalid: report.invalid }).toEqual({
      lost: expected.lost,
      duplicates: expected.duplicates,
      invalid: expected.invalid,
    });
    expect(report.lost + report.duplicates + report.invalid).toBeGreaterThan(0);
  });

  it('replay --json prints every published reading in the window once, duplicates dropped like consumer.replay(), and skips the undecodable ones', async () => {
    const window = ['--from', '2026-06-15T00:00:00Z', '--to', '2026-06-16T00:00:00Z'];
    const run = await runCliProcess(['replay', '--url', url, ...window, '--json']);
    expect(run.code).toBe(0);
    const lines = run.json<{ serialNumber: string; time: string; kafka: { source: string; topic: string } }>();
    expect(report.duplicates).toBeGreaterThan(0); // readings the simulator published twice
    expect(lines).toHaveLength(report.readings - report.lost);
    expect(new Set(lines.map((l) => `${l.serialNumber}@${l.time}`)).size).toBe(report.readings - report.lost);
    expect(lines.every((l) => l.kafka.source === 'replay' && l.kafka.topic === topic)).toBe(true);
    expect(run.stderr.match(/skipped an undecodable message/g)).toHaveLength(report.invalid);

    const serial = lines[0]!.serialNumber;
    const one = await runCliProcess(['replay', '--url', url, ...window, '--serial', serial]);
    expect(one.code).toBe(0);
    const rows = one.stdout.trim().split('\n');
    expect(rows[0]).toMatch(/^time\s+serial\s+acPower W/);
    expect(rows.slice(1).every((row) => row.includes(serial))).toBe(true);
    expect(rows.length - 1).toBe(lines.filter((l) => l.serialNumber === serial).length);
  });

  it('replay prints nothing for a window before the data', async () => {
    const run = await runCliProcess([
      'replay',
      '--url',
      url,
      '--from',
      '2020-01-01T00:00:00Z',
      '--to',
      '2020-01-02T00:00:00Z',
      '--json',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
  });

  it('gaps finds exactly the gaps the simulator made by withholding readings', async () => {
    const run = await runCliProcess([
      'gaps',
      '--url',
      url,
      '--from',
      '2026-06-15T00:00:00Z',
      '--to',
      '2026-06-16T00:00:00Z',
      '--interval',
      '5m',
      '--json',
    ]);
    expect(run.code).toBe(0);
    const lines = run.json<{
      type: string;
      serialNumber: string;
      from: string;
      to: string;
      outcome: string;
      readings: number;
    }>();
    const gaps = lines.filter((l) => l.type === 'gap');
    const summary = lines.find((l) => l.type === 'summary')!;
    expect(summary.readings).toBe(report.readings - report.lost); // a duplicate counts once
    const lost = report.lostReadings;
    for (const gap of gaps) {
      expect(gap.outcome).toBe('not-in-log');
      const inside = lost.filter(
        (l) => l.serialNumber === gap.serialNumber && l.timeMs > Date.parse(gap.from) && l.timeMs < Date.parse(gap.to),
      );
      expect(inside.length).toBeGreaterThan(0);
    }
    // Every lost reading between two published ones of its inverter lies in a reported gap.
    const covered = lost.filter((l) =>
      gaps.some(
        (g) => g.serialNumber === l.serialNumber && l.timeMs > Date.parse(g.from) && l.timeMs < Date.parse(g.to),
      ),
    );
    expect(covered.length).toBeGreaterThan(0);
  });

  it('tail --from-beginning follows the topic and stops after --limit readings', async () => {
    const run = await runCliProcess(['tail', '--url', url, '--from-beginning', '--limit', '5', '--json']);
    expect(run.code).toBe(0);
    const lines = run.json<{ serialNumber: string; kafka: { source: string } }>();
    expect(lines).toHaveLength(5);
    expect(lines.every((l) => typeof l.serialNumber === 'string' && l.kafka.source === 'live')).toBe(true);
  });

  it('doctor checks a healthy connection, the topic and its partitions, and exits 0', async () => {
    const run = await runCliProcess(['doctor', '--url', url, '--json']);
    expect(run.code).toBe(0);
    const checks = run.json<{ check: string; status: string; details?: { earliest?: string } }>();
    expect(checks.map((c) => c.check)).toEqual(
      expect.arrayContaining(['librdkafka', 'connection', 'topic', 'partitions', 'partition 0', 'retention']),
    );
    expect(checks.every((c) => c.status === 'ok' || c.status === 'info')).toBe(true);
    expect(checks.find((c) => c.check === 'partition 0')?.details?.earliest).toMatch(/^2026-06-15/);
  });

  it('doctor reports the lag of a group that has read part of the topic', async () => {
    const group = `cli-doctor-${topic}`;
    const tail = await runCliProcess([
      'tail',
      '--url',
      url,
      '--from-beginning',
      '--group',
      group,
      '--limit',
      '3',
      '--json',
    ]);
    expect(tail.code).toBe(0);
    const run = await runCliProcess(['doctor', '--url', url, '--group', group, '--json']);
    const lag = run.json<{ check: string; status: string; summary: string }>().find((c) => c.check === 'group lag');
    expect(lag?.summary).toMatch(new RegExp(`group ${group}: \\d+ records behind`));
  });

  it('doctor names a wrong password, says what to fix, exits 3 and never prints the password', async () => {
    const { saslPlaintext, user } = broker();
    if (saslPlaintext === undefined) return;
    const env = { GOODWE_KAFKA_PASSWORD: 'not-the-password-123' };
    const args = [
      'doctor',
      '--bootstrap-servers',
      saslPlaintext,
      '--account',
      user.name,
      '--topic',
      topic,
      '--plaintext',
      '--allow-insecure',
      '--timeout',
      '4s',
    ];
    const run = await runCliProcess(args, env);
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/connection\s+FAIL\s+.*rejected the account, password or SASL mechanism/);
    expect(run.stdout).toMatch(/fix \(connection\): no SASL mechanism accepts account/);
    expect(run.stdout + run.stderr).not.toContain('not-the-password-123');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 with one line for usage errors', async () => {
    const missingFrom = await runCliProcess(['replay', '--url', url]);
    expect(missingFrom.code).toBe(2);
    expect(missingFrom.stderr).toBe(
      'goodwe-kafka: --from is required (e.g. --from -1d or --from 2026-06-15T00:00:00Z). Run "goodwe-kafka replay --help".\n',
    );
    const unknown = await runCliProcess(['simulate', '--invertors', '5']);
    expect(unknown.code).toBe(2);
    const noConnection = await runCliProcess(['tail']);
    expect(noConnection.code).toBe(2);
    expect(noConnection.stderr).toMatch(/no connection given/);
  });

  it('npm run demo starts the harness broker and its summary matches what the simulator injected', async () => {
    // KAFKA_BOOTSTRAP_SERVERS makes the harness use the running test broker instead of starting one.
    const env = { KAFKA_BOOTSTRAP_SERVERS: broker().plaintext };
    const run = await runScriptProcess(
      'scripts/demo.ts',
      ['--inverters', '12', '--duration', '12h', '--speed-up', 'max', '--partitions', '2', '--json'],
      env,
      120_000,
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.code).toBe(0);
    const [summary] = run.json<{
      ok: boolean;
      topic: string;
      published: { delivered: number; report: SimulationReport };
      consumed: {
        records: number;
        distinctReadings: number;
        invalidSkipped: number;
        duplicatesSeen: number;
        duplicatesDropped: number;
        gaps: { found: number; notInLog: number };
      };
      database?: { table: string; rows: number };
    }>();
    const r = summary!.published.report;
    // With PostgreSQL installed, npm run demo writes every reading to a table through the sink.
    if (postgresBinDir() !== undefined) expect(summary!.database?.rows).toBe(r.readings - r.lost);
    expect(summary!.ok).toBe(true);
    expect(summary!.published.delivered).toBe(r.published);
    expect(summary!.consumed).toMatchObject({
      distinctReadings: r.readings - r.lost,
      invalidSkipped: r.invalid,
      duplicatesSeen: 0,
      records: r.readings - r.lost,
    });
    // The consumer drops the injected duplicates before the body, and finds the withheld readings' gaps.
    expect(summary!.consumed.duplicatesDropped).toBeGreaterThanOrEqual(r.duplicates);
    if (r.lost > 0) expect(summary!.consumed.gaps.found).toBeGreaterThan(0);
    expect(r.lost + r.invalid + r.duplicates).toBeGreaterThan(0);
    await using admin = new KafkaAdmin(plaintextConfig());
    expect(await admin.listTopics()).not.toContain(summary!.topic);
  });
});
