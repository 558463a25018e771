import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTelemetryConsumer } from '../../src/consumer/create-telemetry-consumer.js';
import type { TelemetryRecord } from '../../src/records/telemetry-record.js';
import { FileGapStateStore } from '../../src/gaps/file-gap-state-store.js';
import type { GapEvent } from '../../src/gaps/gap-outcome.js';
import { KafkaAdmin } from '../../src/kafka/kafka-admin.js';
import { createTopic, plaintextConfig, uniqueName } from '../support/kafka.js';
import { plaintextConnection } from '../support/telemetry.js';
import { cadenceMs, every5Minutes, MINUTE, publishReadings, serials, until } from '../support/fleet.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const day = Date.UTC(2026, 10, 20);
const at = (hours: number, minutes = 0): number => day + hours * 60 * MINUTE + minutes * MINUTE;

async function fleetTopic(partitions: number): Promise<string> {
  const { topic, remove } = await createTopic('gaps', partitions);
  cleanups.push(remove);
  return topic;
}

function stateStore(): FileGapStateStore {
  const dir = mkdtempSync(join(tmpdir(), 'goodwe-kafka-gaps-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return new FileGapStateStore(dir);
}

/** Consumes in the background; returns what it saw and a way to stop it. */
function consumeInBackground(consumer: ReturnType<typeof createTelemetryConsumer>) {
  const records: TelemetryRecord<unknown>[] = [];
  const done = (async () => {
    for await (const record of consumer) records.push(record as TelemetryRecord<unknown>);
  })();
  cleanups.push(() => consumer.close());
  return { records, stop: async () => (await consumer.close(), await done) };
}

async function committedAtEnd(groupId: string, topic: string, partitions: number): Promise<void> {
  await using admin = new KafkaAdmin(plaintextConfig());
  const committed = await admin.groupOffsets(groupId);
  const { KafkaReader } = await import('../../src/kafka/kafka-reader.js');
  await using reader = await KafkaReader.connect(plaintextConfig(), []);
  for (let p = 0; p < partitions; p++) {
    const { high } = await reader.queryWatermarks(topic, p);
    expect(committed.find((c) => c.partition === p)?.offset).toBe(high);
  }
}

describe('gap detection and refill from the log', () => {
  it('brings back exactly the readings a consumer missed, once, as refilled, without moving the group offsets', async () => {
    const topic = await fleetTopic(3);
    const fleet = serials(30);
    const store = stateStore();
    const gapOptions = { refill: true, expectedIntervalMs: cadenceMs, settleMs: 500, store };

    // A first consumer reads the morning and keeps each inverter's last reading in the store.
    await publishReadings(topic, fleet, every5Minutes(at(6), at(8)));
    const first = createTelemetryConsumer({
      connection: plaintextConnection(topic),
      groupId: uniqueName('g1'),
      gaps: gapOptions,
    });
    const morning = consumeInBackground(first);
    await until(() => morning.records.length === 30 * 25, 30_000, 'the morning');
    await morning.stop();

    // 08:05-09:00 is written while nobody reads; the next consumer starts at the end of the log.
    const missedTimes = every5Minutes(at(8, 5), at(9));
    await publishReadings(topic, fleet, missedTimes);
    const groupId = uniqueName('g2');
    const events: GapEvent[] = [];
    let assigned = false;
    const second = createTelemetryConsumer({
      connection: plaintextConnection(topic),
      groupId,
      autoOffsetReset: 'latest',
      onAssign: () => (assigned = true),
      gaps: { ...gapOptions, onGap: (event) => events.push(event) },
    });
    const live = consumeInBackground(second);
    await until(() => assigned, 30_000, 'the assignment');
    await new Promise((resolve) => setTimeout(resolve, 2000)); // the position resolves to the end
    await publishReadings(topic, fleet, every5Minutes(at(9, 5), at(10)));
    await until(
      () => events.length === 30 && live.records.filter((r) => r.source === 'live').length === 30 * 12,
      60_000,
      'the refill',
    );
    await live.stop();

    const refilled = live.records.filter((r) => r.source === 'refill');
    const expected = fleet.flatMap((sn) => missedTimes.map((t) => `${sn}@${t}`)).sort();
    const got = refilled.map((r) => `${r.raw['sn']}@${r.raw['last_time']}`).sort();
    expect(got).toEqual(expected); // exactly the missing readings, each once
    expect(events.map((e) => e.outcome)).toEqual(Array(30).fill('refilled'));
    expect(events.every((e) => e.recovered === 12 && e.from.getTime() === at(8) && e.to.getTime() === at(9, 5))).toBe(
      true,
    );
    expect(second.stats()).toMatchObject({ gapsFound: 30, gapsRefilled: 30, refilledRecords: 360 });
    // Refills never commit: the group's offsets are where the live records alone put them.
    await committedAtEnd(groupId, topic, 3);
  }, 120_000);

  it('reports a fleet going dark at night as not-in-log, in a handful of merged scans', async () => {
    const topic = await fleetTopic(3);
    const fleet = serials(60);
    await publishReadings(topic, fleet, [...every5Minutes(at(16), at(18)), ...every5Minutes(at(30), at(31))]);
    const events: GapEvent[] = [];
    const consumer = createTelemetryConsumer({
      connection: plaintextConnection(topic),
      groupId: uniqueName('g'),
      gaps: { refill: true, expectedIntervalMs: cadenceMs, settleMs: 1000, onGap: (event) => events.push(event) },
    });
    const run = consumeInBackground(consumer);
    await until(() => events.length === 60, 60_000, 'sixty gap events');
    const stats = consumer.stats();
    await run.stop();
    expect(new Set(events.map((e) => e.outcome))).toEqual(new Set(['not-in-log']));
    expect(events.every((e) => e.from.getTime() === at(18) && e.to.getTime() === at(30))).toBe(true);
    expect(run.records.every((r) => r.source === 'live')).toBe(true);
    expect(stats.refillScans).toBeLessThanOrEqual(6); // merged per partition, not one per inverter
  }, 120_000);

  it('reports a gap reaching back before retention as beyond-retention, with the lost range', async () => {
    const topic = await fleetTopic(1);
    const fleet = serials(5);
    const store = stateStore();
    const gapOptions = { refill: true, expectedIntervalMs: cadenceMs, settleMs: 500, store };
    await publishReadings(topic, fleet, every5Minutes(at(6), at(8)));
    const first = createTelemetryConsumer({
      connection: plaintextConnection(topic),
      groupId: uniqueName('g1'),
      gaps: gapOptions,
    });
    const morning = consumeInBackground(first);
    await until(() => morning.records.length === 5 * 25, 30_000, 'the morning');
    await morning.stop();

    await publishReadings(topic, fleet, every5Minutes(at(8, 5), at(9)));
    // Retention removes everything before 08:30 (offsets: 25 morning + 5 half-hours × 5 inverters).
    await using admin = new KafkaAdmin(plaintextConfig());
    await admin.deleteRecordsBefore([{ topic, partition: 0, offset: String(5 * 25 + 5 * 5) }]);

    const events: GapEvent[] = [];
    let assigned = false;
    const second = createTelemetryConsumer({
      connection: plaintextConnection(topic),
      groupId: uniqueName('g2'),
      autoOffsetReset: 'latest',
      onAssign: () => (assigned = true),
      gaps: { ...gapOptions, onGap: (event) => events.push(event) },
    });
    const live = consumeInBackground(second);
    await until(() => assigned, 30_000, 'the assignment');
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await publishReadings(topic, fleet, every5Minutes(at(9, 5), at(9, 30)));
    await until(() => events.length === 5, 60_000, 'five gap events');
    await live.stop();
    for (const event of events) {
      expect(event.outcome).toBe('beyond-retention');
      expect(event.lost?.from.getTime()).toBe(at(8));
      expect(event.lost?.to.getTime()).toBe(at(8, 30));
      expect(event.recovered).toBe(7); // 08:30 to 09:00 was still in the log and came back
    }
  }, 120_000);

  it('rebuilds gap state after a restart from the log before the committed offset: a gap across the restart is found, no false one', async () => {
    const topic = await fleetTopic(1);
    const fleet = serials(10);
    const groupId = uniqueName('g');
    await publishReadings(topic, fleet, every5Minutes(at(6), at(8)));
    const events: GapEvent[] = [];
    const options = {
      connection: plaintextConnection(topic),
      groupId,
      gaps: {
        refill: true,
        expectedIntervalMs: cadenceMs,
        settleMs: 500,
        onGap: (event: GapEvent) => events.push(event),
      },
    };
    const before = consumeInBackground(createTelemetryConsumer(options));
    await until(() => before.records.length === 10 * 25, 30_000, 'the first run');
    await before.stop();

    // After the restart, SN-000 is silent for half an hour (lost at the source); the rest carry on.
    await publishReadings(topic, fleet.slice(1), every5Minutes(at(8, 5), at(9)));
    await publishReadings(topic, fleet.slice(0, 1), every5Minutes(at(8, 35), at(9)));
    const after = consumeInBackground(createTelemetryConsumer(options));
    await until(() => events.length === 1 && after.records.length === 9 * 12 + 6, 60_000, 'the second run');
    await new Promise((resolve) => setTimeout(resolve, 1500)); // no further (false) gap shows up
    await after.stop();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ serialNumber: 'SN-000', outcome: 'not-in-log' });
    expect(events[0]?.from.getTime()).toBe(at(8));
    expect(events[0]?.to.getTime()).toBe(at(8, 35));
  }, 120_000);
});
