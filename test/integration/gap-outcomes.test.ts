import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTelemetryConsumer } from '../../src/consumer/create-telemetry-consumer.js';
import type { TelemetryRecord } from '../../src/records/telemetry-record.js';
import { FileGapStateStore } from '../../src/gaps/file-gap-state-store.js';
import type { GapEvent } from '../../src/gaps/gap-outcome.js';
import { createTopic, uniqueName } from '../support/kafka.js';
import { plaintextConnection } from '../support/telemetry.js';
import { cadenceMs, every5Minutes, MINUTE, publishReadings, serials, until } from '../support/fleet.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const day = Date.UTC(2026, 10, 21);
const at = (hours: number, minutes = 0): number => day + hours * 60 * MINUTE + minutes * MINUTE;

async function fleetTopic(partitions: number): Promise<string> {
  const { topic, remove } = await createTopic('gap-outcomes', partitions);
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

const key = (e: GapEvent): string => `${e.serialNumber}@${e.from.toISOString()}-${e.to.toISOString()}`;

/**
 * A group reads the morning; 08:05-09:00 is then written while nobody reads, and a consumer that
 * starts at the end of the log finds one gap per inverter (08:00 to 09:05) when 09:05 arrives.
 */
async function morningThenMissedHour(topic: string, fleet: readonly string[], store?: FileGapStateStore) {
  await publishReadings(topic, fleet, every5Minutes(at(6), at(8)));
  const first = consumeInBackground(
    createTelemetryConsumer({
      connection: plaintextConnection(topic),
      groupId: uniqueName('g1'),
      gaps: { expectedIntervalMs: cadenceMs, ...(store ? { store } : {}) },
    }),
  );
  await until(() => first.records.length === fleet.length * 25, 30_000, 'the morning');
  await first.stop();
  await publishReadings(topic, fleet, every5Minutes(at(8, 5), at(9)));
}

describe('an outcome for every gap', () => {
  it('hands gaps still open at close to the store and ends each exactly once after the restart', async () => {
    const topic = await fleetTopic(2);
    const fleet = serials(12);
    const store = stateStore();
    await morningThenMissedHour(topic, fleet, store);

    const groupId = uniqueName('g2');
    const events: GapEvent[] = [];
    const gaps = (settleMs: number) => ({
      refill: true,
      expectedIntervalMs: cadenceMs,
      settleMs,
      store,
      onGap: (event: GapEvent) => events.push(event),
    });
    let assigned = false;
    // The first run finds the gaps but closes long before their refill would start.
    const before = createTelemetryConsumer({
      connection: plaintextConnection(topic),
      groupId,
      autoOffsetReset: 'latest',
      onAssign: () => (assigned = true),
      gaps: gaps(600_000),
    });
    const run1 = consumeInBackground(before);
    await until(() => assigned, 30_000, 'the assignment');
    await new Promise((resolve) => setTimeout(resolve, 2000)); // the position resolves to the end
    await publishReadings(topic, fleet, [at(9, 5)]);
    await until(() => before.stats().gapsFound === 12, 30_000, 'twelve gaps');
    await run1.stop();
    const first = before.stats();
    expect(events).toEqual([]);
    expect(first).toMatchObject({ gapsFound: 12, gapsHandedOver: 12, gapsUnresolved: 0 });

    // The restart takes them up from the store and refills them.
    const after = createTelemetryConsumer({ connection: plaintextConnection(topic), groupId, gaps: gaps(200) });
    const run2 = consumeInBackground(after);
    await until(() => events.length === 12, 60_000, 'twelve gap events');
    await new Promise((resolve) => setTimeout(resolve, 1500)); // nothing else shows up
    await run2.stop();
    const second = after.stats();
    expect(second).toMatchObject({ gapsFound: 0, gapsResumed: 12, gapsRefilled: 12, gapsHandedOver: 0 });
    expect(new Set(events.map(key)).size).toBe(12); // one event per gap, none twice
    expect(events.every((e) => e.outcome === 'refilled' && e.recovered === 12)).toBe(true);
    expect(events.every((e) => e.from.getTime() === at(8) && e.to.getTime() === at(9, 5))).toBe(true);
    const refilled = run2.records.filter((r) => r.source === 'refill');
    expect(refilled).toHaveLength(12 * 12);
  }, 120_000);

  it('ends gaps still open at close as unresolved when there is no store', async () => {
    const topic = await fleetTopic(2);
    const fleet = serials(8);
    await publishReadings(topic, fleet, [...every5Minutes(at(6), at(8)), at(9, 5)]);
    const events: GapEvent[] = [];
    const consumer = createTelemetryConsumer({
      connection: plaintextConnection(topic),
      groupId: uniqueName('g'),
      gaps: { refill: true, expectedIntervalMs: cadenceMs, settleMs: 600_000, onGap: (e) => events.push(e) },
    });
    const run = consumeInBackground(consumer);
    await until(() => consumer.stats().gapsFound === 8, 30_000, 'eight gaps');
    await run.stop();
    expect(consumer.stats()).toMatchObject({ gapsFound: 8, gapsUnresolved: 8, gapsHandedOver: 0 });
    expect(events).toHaveLength(8);
    expect(new Set(events.map(key)).size).toBe(8);
    expect(events.every((e) => e.outcome === 'unresolved' && e.from.getTime() === at(8))).toBe(true);
  }, 120_000);
});
