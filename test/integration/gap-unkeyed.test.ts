import { afterEach, describe, expect, it } from 'vitest';
import { createTelemetryConsumer } from '../../src/consumer/create-telemetry-consumer.js';
import type { TelemetryRecord } from '../../src/records/telemetry-record.js';
import type { GapEvent } from '../../src/gaps/gap-outcome.js';
import { KafkaProducer } from '../../src/kafka/kafka-producer.js';
import { broker, createTopic, plaintextConfig, uniqueName } from '../support/kafka.js';
import { runCliProcess } from '../support/run-cli-process.js';
import { plaintextConnection, reading } from '../support/telemetry.js';
import { cadenceMs, every5Minutes, MINUTE, serials, until } from '../support/fleet.js';
import type { LogFields, Logger } from '../../src/internal/logger.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const day = Date.UTC(2026, 10, 22);
const at = (hours: number, minutes = 0): number => day + hours * 60 * MINUTE + minutes * MINUTE;
const partitions = 4;

interface Publish {
  serial: string;
  time: number;
  /** Kafka record time; the reading's own time unless it is published late. */
  publishedAt?: number;
}

/** Publishes without a key, each inverter's readings spread round-robin over the partitions. */
async function publishUnkeyed(topic: string, readings: readonly Publish[], spread = partitions): Promise<void> {
  await using producer = await KafkaProducer.connect({ ...plaintextConfig(), 'linger.ms': 5 });
  await Promise.all(
    readings.map(({ serial, time, publishedAt }) =>
      producer.send({
        topic,
        partition: (Number(serial.slice(3)) + (time - day) / cadenceMs) % spread,
        value: reading(serial, time),
        timestamp: publishedAt ?? time,
      }),
    ),
  );
}

function capturingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  const ignore = (_fields: LogFields, _message: string): void => undefined;
  return { warnings, debug: ignore, info: ignore, error: ignore, warn: (_f, message) => void warnings.push(message) };
}

describe('gap detection on a topic not keyed by serial number', () => {
  it('raises no false gap from readings spread over partitions, and reports each real gap once across two members', async () => {
    const { topic, remove } = await createTopic('unkeyed', partitions);
    cleanups.push(remove);
    const fleet = serials(8);
    const groupId = uniqueName('g');
    const events: GapEvent[] = [];
    const records: TelemetryRecord<unknown>[] = [];
    const assigned = [new Set<number>(), new Set<number>()];
    const loggers = [capturingLogger(), capturingLogger()];
    const members = [0, 1].map((m) =>
      createTelemetryConsumer({
        connection: plaintextConnection(topic),
        logger: loggers[m]!,
        groupId,
        onAssign: ({ partitions: ps }) => ps.forEach((p) => assigned[m]!.add(p.partition)),
        onRevoke: ({ partitions: ps }) => ps.forEach((p) => assigned[m]!.delete(p.partition)),
        gaps: { refill: true, expectedIntervalMs: cadenceMs, settleMs: 3000, onGap: (e) => events.push(e) },
      }),
    );
    const loops = members.map((consumer) => {
      cleanups.push(() => consumer.close());
      return (async () => {
        for await (const record of consumer) records.push(record as TelemetryRecord<unknown>);
      })();
    });
    await until(() => assigned[0]!.size === 2 && assigned[1]!.size === 2, 60_000, 'two partitions each');
    await new Promise((resolve) => setTimeout(resolve, 1000));

    // SN-000 lost 07:05-07:25 at the source; SN-001's 07:05-07:25 were published late, after 08:00.
    const hole = every5Minutes(at(7, 5), at(7, 25));
    const onTime = fleet.flatMap((serial) =>
      every5Minutes(at(6), at(8))
        .filter((time) => !(['SN-000', 'SN-001'].includes(serial) && hole.includes(time)))
        .map((time) => ({ serial, time })),
    );
    await publishUnkeyed(topic, onTime);
    await publishUnkeyed(
      topic,
      hole.map((time) => ({ serial: 'SN-001', time, publishedAt: at(8, 1) })),
    );
    const published = onTime.length + hole.length;
    await until(() => records.length === published && events.length === 2, 60_000, 'every reading and two gaps');
    await new Promise((resolve) => setTimeout(resolve, 5000)); // suspects settle and are scanned: no more events
    for (const consumer of members) await consumer.close();
    await Promise.all(loops);

    const bySerial = Object.fromEntries(events.map((e) => [e.serialNumber, e]));
    expect(events).toHaveLength(2);
    expect(bySerial['SN-000']).toMatchObject({ outcome: 'not-in-log', recovered: 0, expected: 5 });
    expect(bySerial['SN-001']).toMatchObject({ outcome: 'refilled', recovered: 5, expected: 5 });
    for (const event of events) {
      expect(event.from.getTime()).toBe(at(7));
      expect(event.to.getTime()).toBe(at(7, 30));
    }
    const stats = members.map((consumer) => consumer.stats());
    expect(stats[0]!.gapsFound + stats[1]!.gapsFound).toBe(2);
    // Every reading delivered once, by the member owning its partition; nothing refilled twice.
    expect(records.filter((r) => r.source === 'refill')).toEqual([]);
    expect(new Set(records.map((r) => `${r.raw['sn']}@${r.raw['last_time']}`)).size).toBe(published);
    for (const logger of loggers) {
      expect(logger.warnings.filter((w) => w.includes('is not keyed by serial number'))).toHaveLength(1);
    }
  }, 150_000);

  // Regression: on a log that never lost anything, the gap right after an inverter's first reading
  // came out beyond-retention, because the oldest record's Kafka time (a publish time, later than
  // the reading's own time) was taken for the start of retention.
  it('goodwe-kafka gaps calls a gap after the first reading not-in-log on a log that lost nothing', async () => {
    const { topic, remove } = await createTopic('unkeyed-cli', 2);
    cleanups.push(remove);
    const delay = 2 * MINUTE; // each reading is published two minutes after its time
    const times = [at(6), ...every5Minutes(at(6, 30), at(7))];
    await publishUnkeyed(
      topic,
      times.map((time) => ({ serial: 'SN-000', time, publishedAt: time + delay })),
      2,
    );
    const run = await runCliProcess([
      'gaps',
      '--url',
      `kafka://${broker().plaintext}/${topic}`,
      '--from',
      new Date(at(5)).toISOString(),
      '--to',
      new Date(at(8)).toISOString(),
      '--interval',
      '5m',
      '--json',
    ]);
    expect(run.code).toBe(0);
    const gaps = run.json<{ type: string; outcome: string; from: string }>().filter((l) => l.type === 'gap');
    expect(gaps).toEqual([expect.objectContaining({ outcome: 'not-in-log', from: new Date(at(6)).toISOString() })]);
  }, 60_000);
});
