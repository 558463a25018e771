import { KafkaAdmin } from '../../src/kafka/kafka-admin.js';
import { publishSimulation } from '../../src/simulator/publish-simulation.js';
import type { SimulationOptions } from '../../src/simulator/simulation-options.js';
import { int } from './format.js';
import { benchSimulation } from './bench-simulation.js';

/** The topic every contender reads, produced once per run. */
export interface Dataset {
  topic: string;
  partitions: number;
  records: number;
  inverters: number;
  /** Mean message value size in bytes. */
  meanBytes: number;
  /** The simulation the records come from, for the raw results. */
  simulation: SimulationOptions;
  producedPerSecond: number;
}

/**
 * Creates a topic of `partitions` partitions and publishes the simulated fleet to it, keyed by
 * serial number. Values are not compressed: KafkaJS reads no lz4 without an extra codec, and
 * every contender should pay for the same bytes.
 */
export async function produceDataset(options: {
  bootstrap: string;
  records: number;
  partitions: number;
  signal: AbortSignal;
  log: (line: string) => void;
}): Promise<Dataset> {
  const { bootstrap, records, partitions, signal, log } = options;
  const topic = `bench-${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}`;
  const admin = new KafkaAdmin({ 'bootstrap.servers': bootstrap });
  try {
    await admin.createTopic({ topic, partitions });
  } finally {
    await admin.close();
  }
  const simulation = benchSimulation(records);
  const result = await publishSimulation({
    topic,
    simulation,
    producerConfig: { 'bootstrap.servers': bootstrap, 'compression.type': 'none' },
    progressIntervalMs: 5000,
    onProgress: (p) => log(`  produced ${int(p.delivered)} of ${int(records)}`),
    signal,
  });
  if (result.delivered !== records) {
    throw new Error(`Published ${result.delivered} records instead of ${records}.`);
  }
  return {
    topic,
    partitions,
    records,
    inverters: simulation.inverters ?? 0,
    meanBytes: result.report.publishedBytes / result.delivered,
    simulation,
    producedPerSecond: result.publishedPerSecond,
  };
}

/** Deletes the benchmark topic, for an external cluster (a started broker takes it along when it stops). */
export async function deleteDataset(bootstrap: string, topic: string): Promise<void> {
  const admin = new KafkaAdmin({ 'bootstrap.servers': bootstrap });
  try {
    await admin.deleteTopic(topic);
  } finally {
    await admin.close();
  }
}
