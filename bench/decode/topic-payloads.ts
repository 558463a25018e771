import type { Buffer } from 'node:buffer';
import { simulateFleet } from '../../src/simulator/simulate-fleet.js';
import { benchSimulation } from '../harness/bench-simulation.js';

/** How many of the topic's first messages the decode comparisons use. */
export const TOPIC_SAMPLE_SIZE = 2000;

/**
 * The first {@link TOPIC_SAMPLE_SIZE} message values of the benchmark topic of `records` records,
 * exactly as `npm run bench` produces them (the simulation is seeded).
 */
export function topicPayloads(records: number): Buffer[] {
  const topic: Buffer[] = [];
  for (const message of simulateFleet(benchSimulation(records))) {
    topic.push(message.value);
    if (topic.length === TOPIC_SAMPLE_SIZE) break;
  }
  return topic;
}
