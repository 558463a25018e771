import { createTelemetryConsumer } from '../../consumer/create-telemetry-consumer.js';
import { consumerMetrics } from '../../metrics/consumer-metrics.js';
import type { CliIo } from '../cli-io.js';
import type { Command } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { WriteMetrics } from '../ingest/write-metrics.js';
import { parseListen, startStatusServer } from '../ingest/status-server.js';
import { ndjsonLine } from '../output.js';
import { connectionFlags, connectionFromFlags, connectionHelp } from '../parse-connection-flags.js';
import { parseCommandArgs, stringFlag } from '../parse-command-args.js';
import { parseDuration, parseInteger } from '../parse-values.js';
import { UsageError } from '../usage-error.js';
import { ConfigError } from '../../errors/config-error.js';
import { backfillBar, parseCatchUp } from '../catch-up-flag.js';

const flags = {
  ...connectionFlags,
  to: { type: 'string' },
  group: { type: 'string' },
  table: { type: 'string' },
  schema: { type: 'string' },
  'no-create-table': { type: 'boolean' },
  'no-refill': { type: 'boolean' },
  'catch-up': { type: 'string' },
  'max-records': { type: 'string' },
  'max-wait': { type: 'string' },
  'stall-timeout': { type: 'string' },
  'session-timeout': { type: 'string' },
  listen: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** `goodwe-kafka ingest`: consumes the topic into PostgreSQL until stopped. */
export const ingestCommand: Command = {
  name: 'ingest',
  summary: 'consume the topic into PostgreSQL (a zero-code service)',
  flags,
  help: `Usage: goodwe-kafka ingest --to postgres://USER:PASSWORD@HOST:5432/DB [--group ID] [--listen HOST:PORT] [options]

Reads the topic as a consumer group and writes every reading to a PostgreSQL table (one column
per canonical field, primary key (serial_number, time)), with per-inverter gap refill on. Each
batch is written in one transaction with an upsert, and its Kafka offsets are committed only after
the database committed it: a crash or a restart loses nothing and writes no row twice. Transient
database errors are retried with backoff; a permanent one (a column of the wrong type, no
permission) stops the command with one line and exit code 1, offsets not committed past it.
Runs until SIGTERM or Ctrl-C, then finishes the batch in hand, commits and leaves the group.
Needs the pg package (npm install pg).

  --to URL                 the database (default: DATABASE_URL)
  --group ID               consumer group (default: goodwe-kafka-ingest)
  --table NAME             table to write to (default: inverter_telemetry)
  --schema NAME            schema of the table (default: the connection's search path)
  --no-create-table        do not create the table or add missing columns
  --no-refill              do not refill per-inverter gaps from the log
  --catch-up MODE          backlog (oldest first, default) or live-first: far behind, write new
                           records first and backfill the skipped ones (a progress bar shows it)
  --max-records N          most records per batch (default: 1000)
  --max-wait D             longest a batch waits to fill, e.g. 500ms, 2s (default: 1s)
  --stall-timeout D        /healthz turns 503 when records wait and nothing is written for this long (default: 60s)
  --session-timeout D      how soon the group gives a crashed instance's partitions to another (default: 45s)
  --listen HOST:PORT       serve /healthz and /metrics (Prometheus text) there; PORT alone means 127.0.0.1
  --json                   print the closing summary as one NDJSON line

${connectionHelp}

Examples:
  goodwe-kafka ingest --to postgres://ingest@db.example:5432/telemetry --listen 9464
  DATABASE_URL=postgres://localhost/telemetry goodwe-kafka ingest --group acme-ingest --max-records 5000
`,
  run: runIngest,
};

async function runIngest(args: readonly string[], io: CliIo): Promise<number> {
  const values = parseCommandArgs('ingest', args, flags);
  const to = stringFlag(values, 'to') ?? io.env['DATABASE_URL'];
  if (!to) throw new UsageError('--to postgres://... (or DATABASE_URL) is required', 'ingest');
  const text = (name: string): string | undefined => stringFlag(values, name);
  const maxRecords = parseInteger('max-records', text('max-records') ?? '1000', 'ingest', 1);
  const maxWaitMs = parseDuration('max-wait', text('max-wait') ?? '1s', 'ingest');
  const stallTimeoutMs = parseDuration('stall-timeout', text('stall-timeout') ?? '60s', 'ingest');
  const sessionTimeoutMs = parseDuration('session-timeout', text('session-timeout') ?? '45s', 'ingest');
  const catchUp = parseCatchUp(text('catch-up'), 'ingest');
  const listen = text('listen') === undefined ? undefined : parseListen(text('listen')!, 'ingest');
  const connection = connectionFromFlags('ingest', values, io.env, io.stderr);
  // Loaded only here: `pg` is an optional peer, and the other commands must work without it.
  const { createPostgresSink } = await import('../../postgres/index.js').catch((error: unknown) => {
    throw new ConfigError('ingest needs the pg package: npm install pg', { cause: error });
  });
  await using sink = createPostgresSink({
    connectionString: to,
    ...(text('table') ? { table: text('table') } : {}),
    ...(text('schema') ? { schema: text('schema') } : {}),
    createTable: values['no-create-table'] !== true,
  });
  // Fails fast on a database that is unreachable or refuses the table, before joining the group.
  if (values['no-create-table'] !== true) await sink.ensureTable({ signal: io.signal });
  await using consumer = createTelemetryConsumer({
    connection,
    groupId: text('group') ?? 'goodwe-kafka-ingest',
    gaps: { refill: values['no-refill'] !== true },
    catchUp: { mode: catchUp },
    stallTimeoutMs: Math.max(1, stallTimeoutMs),
    sessionTimeoutMs: Math.max(1, sessionTimeoutMs),
    signal: io.signal,
  });
  const writes = new WriteMetrics();
  const status = listen
    ? await startStatusServer(listen, {
        health: () => consumer.health(),
        metrics: () => [...consumerMetrics(consumer.stats(), consumer.health()), ...writes.families()],
      })
    : undefined;
  if (status) io.stderr.write(`goodwe-kafka ingest: serving ${status.url}/healthz and ${status.url}/metrics\n`);
  const progress = progressLine(io, consumer, writes);
  try {
    // The write gets no abort signal: on SIGTERM the batch in hand is finished and committed.
    for await (const batch of consumer.batches({ maxRecords, maxWaitMs })) {
      const started = performance.now();
      const result = await sink.write(batch);
      writes.record(result, performance.now() - started);
    }
  } finally {
    progress.stop();
    await status?.close();
  }
  const summary = { ...writes.rows, written: writes.written, batches: writes.writes, table: sink.table };
  if (values['json'] === true) io.stdout.write(ndjsonLine(summary));
  else
    io.stderr.write(
      `goodwe-kafka ingest: stopped after ${writes.writes} batches: ${writes.rows.inserted} rows inserted, ` +
        `${writes.rows.updated} updated, ${writes.rows.unchanged} unchanged in ${sink.table}\n`,
    );
  return ExitCode.Ok;
}

/** On a terminal, one line redrawn every second: rows written, rate, lag. */
function progressLine(
  io: CliIo,
  consumer: {
    stats(): { partitions: { lag: number | undefined }[]; backfillTotal: number; backfillPending: number };
  },
  writes: WriteMetrics,
): { stop: () => void } {
  if (io.stderr.isTTY !== true) return { stop: () => undefined };
  let last = { at: performance.now(), written: 0 };
  const timer = setInterval(() => {
    const now = performance.now();
    const rate = ((writes.written + writes.rows.unchanged - last.written) * 1000) / Math.max(1, now - last.at);
    last = { at: now, written: writes.written + writes.rows.unchanged };
    const stats = consumer.stats();
    const lag = stats.partitions.reduce((sum, p) => sum + (p.lag ?? 0), 0);
    const backfill = backfillBar(stats);
    const line = `ingest: ${writes.written} rows written, ${Math.round(rate)} rows/s, lag ${lag}${backfill ? `  ${backfill}` : ''}`;
    const width = Math.max(20, (io.stderr.columns ?? 80) - 1);
    io.stderr.write(`\r${line.slice(0, width).padEnd(Math.min(width, line.length + 4))}`);
  }, 1000);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      io.stderr.write('\r\u001b[2K');
    },
  };
}
