import { INVALID_PAYLOAD_KINDS, type InvalidPayloadKind } from './invalid-payload.js';
import type { InverterProfile } from './inverter-profile.js';

/** A reading the simulated fleet took but never published. */
export interface LostReading {
  /** Serial number of the inverter. */
  serialNumber: string;
  /** Telemetry time of the lost reading, in epoch ms. */
  timeMs: number;
}

/** What one inverter did during a simulation. */
export interface InverterCounts {
  /** Serial number of the inverter. */
  serialNumber: string;
  /** The inverter model. */
  model: string;
  /** Readings taken, lost ones included. */
  readings: number;
  /** Messages published for this inverter, every kind included. */
  published: number;
  /** Readings never published. */
  lost: number;
  /** Readings published late, out of order. */
  late: number;
  /** Second copies of readings. */
  duplicates: number;
  /** Undecodable or invalid messages. */
  invalid: number;
}

/** The most lost readings {@link SimulationReport.lostReadings} lists; the count goes on. */
export const MAX_LOST_LISTED = 100_000;

/**
 * What a simulation published and what it held back, to compare with what a consumer recovered.
 *
 * Relations that always hold once `complete` is true:
 * `published = readings - lost + duplicates + invalid`, and the messages of kind `'reading'` number
 * `readings - lost - late`. Every reading that was not lost was published at least once, and
 * `invalid` messages come on top of readings, never instead of one.
 */
export interface SimulationReport {
  /** `true` once the message generator has finished. */
  complete: boolean;
  /** The seed the fleet was generated from: the same seed gives the same messages. */
  seed: number | string;
  /** Inverters in the fleet. */
  inverters: number;
  /** Readings taken, lost ones included. */
  readings: number;
  /** Messages published (yielded), every kind included. */
  published: number;
  /** Readings never published. */
  lost: number;
  /** The lost readings in the order they were taken, at most {@link MAX_LOST_LISTED}. */
  lostReadings: LostReading[];
  /** Whether `lostReadings` stopped at {@link MAX_LOST_LISTED}. */
  lostReadingsTruncated: boolean;
  /** Readings published late, out of order. */
  late: number;
  /** Second copies of readings. */
  duplicates: number;
  /** Undecodable or invalid messages. */
  invalid: number;
  /** Invalid messages by what is wrong with them. */
  invalidByKind: Record<InvalidPayloadKind, number>;
  /** Readings written in one of GoodWe's other wire forms (PascalCase, camelCase, strings, sentinels...). */
  aliased: number;
  /** Bytes of every published value. */
  publishedBytes: number;
  /** Bytes of the first copy of each published reading. */
  readingBytes: number;
  /** `readingBytes` divided by the readings published: the typical payload size. */
  averageReadingBytes: number;
  /** Time of the first and last reading taken (lost ones included), or `null` when none. */
  firstReadingMs: number | null;
  /** Time of the last reading taken (lost ones included), or `null` when none. */
  lastReadingMs: number | null;
  /** Record timestamps of the first and last message published, or `null` when none. */
  firstTimestampMs: number | null;
  /** Record timestamp of the last message published, or `null` when none. */
  lastTimestampMs: number | null;
  /** Counts per inverter, in fleet order (the order of `FleetSimulation.inverters`). */
  perInverter: InverterCounts[];
}

/** An empty report for a fleet. */
export function createSimulationReport(seed: number | string, profiles: readonly InverterProfile[]): SimulationReport {
  const invalidByKind = {} as Record<InvalidPayloadKind, number>;
  for (const kind of INVALID_PAYLOAD_KINDS) invalidByKind[kind] = 0;
  return {
    complete: false,
    seed,
    inverters: profiles.length,
    readings: 0,
    published: 0,
    lost: 0,
    lostReadings: [],
    lostReadingsTruncated: false,
    late: 0,
    duplicates: 0,
    invalid: 0,
    invalidByKind,
    aliased: 0,
    publishedBytes: 0,
    readingBytes: 0,
    averageReadingBytes: 0,
    firstReadingMs: null,
    lastReadingMs: null,
    firstTimestampMs: null,
    lastTimestampMs: null,
    perInverter: profiles.map((p) => ({
      serialNumber: p.serialNumber,
      model: p.model.name,
      readings: 0,
      published: 0,
      lost: 0,
      late: 0,
      duplicates: 0,
      invalid: 0,
    })),
  };
}
