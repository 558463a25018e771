import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KafkaReader } from '../../src/kafka/kafka-reader.js';
import { publishSimulation } from '../../src/simulator/publish-simulation.js';
import { simulateFleet } from '../../src/simulator/simulate-fleet.js';
import type { SimulationOptions } from '../../src/simulator/simulation-options.js';
import { createTopic, plaintextConfig } from '../support/kafka.js';

const partitions = 3;
const fleet: SimulationOptions = {
  inverters: 100,
  readingsPerInverter: 12,
  start: '2026-06-15T08:00:00Z',
  seed: 20_260_615,
  loss: 0.05,
  duplicate: 0.05,
  late: 0.03,
  invalid: 0.02,
  aliasVariety: 0.3,
};

describe('publishing a simulated fleet to a real broker', () => {
  let topic: string;
  let remove: () => Promise<void>;
  beforeAll(async () => {
    ({ topic, remove } = await createTopic('simulator', partitions));
  });
  afterAll(() => remove());

  it('stores every published message with its serial-number key and reading-time timestamp', async () => {
    const simulation = simulateFleet(fleet);
    const progress: number[] = [];
    const { report, delivered } = await publishSimulation({
      producerConfig: plaintextConfig(),
      topic,
      simulation,
      progressIntervalMs: 0,
      onProgress: (p) => progress.push(p.delivered),
    });
    expect(report.complete).toBe(true);
    expect(delivered).toBe(report.published);
    expect(progress.at(-1)).toBe(report.published);
    expect(report.readings).toBe(1200);
    expect(report.lost).toBeGreaterThan(0);
    expect(report.duplicates).toBeGreaterThan(0);

    await using reader = await KafkaReader.connect(
      plaintextConfig(),
      Array.from({ length: partitions }, (_, partition) => ({ topic, partition, offset: 'earliest' })),
    );
    const received: Array<{ key: string; timestamp: number; value: string; partition: number }> = [];
    const deadline = Date.now() + 30_000;
    while (received.length < report.published && Date.now() < deadline) {
      for (const m of await reader.read(1000, 500)) {
        received.push({
          key: String(m.key),
          timestamp: m.timestamp ?? -1,
          value: (m.value ?? Buffer.alloc(0)).toString('base64'),
          partition: m.partition,
        });
      }
    }
    expect(received).toHaveLength(report.published);

    // The simulation is deterministic: a second run gives the messages that were published.
    const expected = [...simulateFleet(fleet)].map((m) => ({
      key: m.serialNumber,
      timestamp: m.readingTimeMs + m.delayMs,
      value: m.value.toString('base64'),
    }));
    const order = (a: { key: string; timestamp: number; value: string }, b: typeof a) =>
      a.key.localeCompare(b.key) || a.timestamp - b.timestamp || a.value.localeCompare(b.value);
    expect(received.map(({ key, timestamp, value }) => ({ key, timestamp, value })).sort(order)).toEqual(
      expected.sort(order),
    );

    // Keys are serial numbers, and one inverter's messages all land on one partition.
    const serials = new Set(simulation.inverters.map((p) => p.serialNumber));
    const partitionOf = new Map<string, number>();
    for (const m of received) {
      expect(serials.has(m.key)).toBe(true);
      expect(partitionOf.get(m.key) ?? m.partition).toBe(m.partition);
      partitionOf.set(m.key, m.partition);
    }
    expect(new Set(partitionOf.values()).size).toBe(partitions);

    // What the report lists as lost is not in the topic; everything else is.
    const lost = new Set(report.lostReadings.map((r) => `${r.serialNumber}@${r.timeMs}`));
    const kept = [...simulateFleet(fleet)].filter((m) => m.kind !== 'invalid');
    for (const m of kept) expect(lost.has(`${m.serialNumber}@${m.readingTimeMs}`)).toBe(false);
    expect(new Set(kept.map((m) => `${m.serialNumber}@${m.readingTimeMs}`)).size + lost.size).toBe(report.readings);
  });
});
