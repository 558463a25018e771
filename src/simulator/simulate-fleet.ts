import { FIELD_NAMES, encodeReading } from './encode-reading.js';
import { invalidPayload, type InvalidPayloadKind } from './invalid-payload.js';
import { createInverterProfiles, type InverterProfile } from './inverter-profile.js';
import { createInverterState, nextReading } from './inverter-reading.js';
import { LateQueue } from './late-queue.js';
import { DEFAULT_PAYLOAD_STYLE, choosePayloadStyle } from './payload-style.js';
import { SeededRandom } from './seeded-random.js';
import {
  parseSimulationOptions,
  type ResolvedSimulationOptions,
  type SimulationOptions,
} from './simulation-options.js';
import { MAX_LOST_LISTED, createSimulationReport, type SimulationReport } from './simulation-report.js';
import { isDaylight } from './solar-curve.js';
import { ZoneClock } from './zone-clock.js';

/** Why a message was published: a reading on time, its second copy, a late reading, or garbage. */
export type SimulatedMessageKind = 'reading' | 'duplicate' | 'late' | 'invalid';

/** One message as the fleet would publish it. */
export interface SimulatedMessage {
  /** Record key: the inverter's serial number. */
  key: string;
  /** Record value: GoodWe-like JSON, or bad bytes when `kind` is `'invalid'`. */
  value: Buffer;
  /** Record timestamp in ms: the reading time, plus `delayMs` for a late reading. */
  timestamp: number;
  /** Serial number of the inverter that took the reading. */
  serialNumber: string;
  /** Time of the reading (for `'invalid'`, of the reading it followed), in ms. */
  readingTimeMs: number;
  /** What the message is: a reading, a late or duplicate copy, or an invalid payload. */
  kind: SimulatedMessageKind;
  /** How late the message is published, in ms; 0 unless late (or the duplicate of a late one). */
  delayMs: number;
  /** What is wrong with an `'invalid'` message. */
  invalidKind?: InvalidPayloadKind;
}

/** A deterministic fleet simulation: iterate it (or {@link FleetSimulation.messages}) to get its messages. */
export interface FleetSimulation extends Iterable<SimulatedMessage> {
  /** The validated options, defaults applied. */
  readonly options: ResolvedSimulationOptions;
  /** The fleet, in fleet order. */
  readonly inverters: readonly InverterProfile[];
  /**
   * The report of the latest run, updated as messages are yielded and `complete` once the
   * generator finishes. Before any run, an empty report.
   */
  readonly report: SimulationReport;
  /**
   * Generates the messages lazily, in publish order (record timestamps never decrease). Each call
   * starts a new run from the seed, with a new {@link FleetSimulation.report}, which the generator
   * also returns when done.
   */
  messages(): Generator<SimulatedMessage, SimulationReport, undefined>;
  /** Runs the simulation to the end without keeping the messages and returns its report. */
  summarize(): SimulationReport;
}

/**
 * Simulates the telemetry a GoodWe fleet publishes: per-inverter day curves with clouds, energy
 * counters, batteries and meters, GoodWe's naming families and value forms, and injected faults
 * (loss, late, duplicate and invalid messages), deterministically from `seed`.
 *
 * Memory stays flat however many messages are generated: only the fleet, one state per inverter,
 * the late messages not yet due and the report are held.
 *
 * @throws {@link index!ConfigError} when an option is invalid.
 * @example
 * ```ts
 * const simulation = simulateFleet({ inverters: 100, readingsPerInverter: 12, loss: 0.01, seed: 7 });
 * for (const message of simulation) await producer.send({ topic, key: message.key, value: message.value, timestamp: message.timestamp });
 * console.log(simulation.report.lost, simulation.report.lostReadings);
 * ```
 */
export function simulateFleet(options: SimulationOptions = {}): FleetSimulation {
  const resolved = parseSimulationOptions(options);
  const inverters = createInverterProfiles(resolved);
  let report = createSimulationReport(resolved.seed, inverters);
  const simulation: FleetSimulation = {
    options: resolved,
    inverters,
    get report() {
      return report;
    },
    messages() {
      report = createSimulationReport(resolved.seed, inverters);
      return run(resolved, inverters, report);
    },
    summarize() {
      const messages = simulation.messages();
      while (!messages.next().done);
      return report;
    },
    [Symbol.iterator]() {
      return simulation.messages();
    },
  };
  return simulation;
}

function message(
  serialNumber: string,
  value: Buffer,
  readingTimeMs: number,
  delayMs: number,
  kind: SimulatedMessageKind,
): SimulatedMessage {
  return { key: serialNumber, value, timestamp: readingTimeMs + delayMs, serialNumber, readingTimeMs, kind, delayMs };
}

function* run(
  options: ResolvedSimulationOptions,
  profiles: readonly InverterProfile[],
  report: SimulationReport,
): Generator<SimulatedMessage, SimulationReport, undefined> {
  const zone = new ZoneClock(options.timeZone);
  const weather = new SeededRandom(options.seed, 'weather');
  const faults = new SeededRandom(options.seed, 'faults');
  const wire = new SeededRandom(options.seed, 'wire');
  const states = profiles.map(createInverterState);
  // Within an interval, inverters report in the order of their phase: times never go back.
  const order = profiles.map((p) => p.index).sort((a, b) => profiles[a]!.phaseMs - profiles[b]!.phaseMs || a - b);
  const late = new LateQueue<SimulatedMessage>();
  const { readingsPerInverter, intervalMs, lateMaxMs } = options;
  const end = options.durationMs === undefined ? Number.POSITIVE_INFINITY : options.start + options.durationMs;
  let unfinished = readingsPerInverter === undefined ? Number.POSITIVE_INFINITY : profiles.length;

  const count = (message: SimulatedMessage, index: number): SimulatedMessage => {
    const counts = report.perInverter[index]!;
    report.published++;
    counts.published++;
    report.publishedBytes += message.value.length;
    report.firstTimestampMs ??= message.timestamp;
    report.lastTimestampMs = message.timestamp;
    if (message.kind === 'late') {
      report.late++;
      counts.late++;
    } else if (message.kind === 'duplicate') {
      report.duplicates++;
      counts.duplicates++;
    } else if (message.kind === 'invalid') {
      report.invalid++;
      counts.invalid++;
      if (message.invalidKind) report.invalidByKind[message.invalidKind]++;
    }
    return message;
  };
  const indexOf = new Map<string, number>(profiles.map((p) => [p.serialNumber, p.index]));

  const firstSunrise = Math.min(...profiles.map((p) => p.sunriseMinute));
  const lastSunset = Math.max(...profiles.map((p) => p.sunsetMinute));
  const isNight = (ms: number): boolean => !isDaylight(zone.local(ms).minuteOfDay, firstSunrise, lastSunset);

  for (let tick = options.start; tick < end && unfinished > 0; tick += intervalMs) {
    // An interval (at most an hour) with both ends in the night of every inverter lies wholly in
    // that night, since days are longer than intervals: skip it without visiting each inverter.
    if (!options.reportAtNight && isNight(tick) && isNight(tick + intervalMs)) continue;
    for (const index of order) {
      const profile = profiles[index]!;
      const counts = report.perInverter[index]!;
      const time = tick + profile.phaseMs;
      if (time >= end || (readingsPerInverter !== undefined && counts.readings >= readingsPerInverter)) continue;
      const local = zone.local(time);
      if (!options.reportAtNight && !isDaylight(local.minuteOfDay, profile.sunriseMinute, profile.sunsetMinute)) {
        continue;
      }
      while (late.peekDue() <= time) {
        const message = late.pop()!;
        yield count(message, indexOf.get(message.serialNumber)!);
      }

      const reading = nextReading(profile, states[index]!, time, local, intervalMs, weather);
      report.readings++;
      counts.readings++;
      report.firstReadingMs ??= time;
      report.lastReadingMs = time;
      if (counts.readings === readingsPerInverter) unfinished--;
      // Written even when lost, so that the fault rates never change the bytes of other readings.
      const style = choosePayloadStyle(options.aliasVariety, wire);
      const json = encodeReading(reading, profile, style, zone, wire);
      const value = Buffer.from(json);
      if (faults.chance(options.loss)) {
        report.lost++;
        counts.lost++;
        if (report.lostReadings.length < MAX_LOST_LISTED)
          report.lostReadings.push({ serialNumber: profile.serialNumber, timeMs: time });
        else report.lostReadingsTruncated = true;
        continue;
      }

      if (style !== DEFAULT_PAYLOAD_STYLE) report.aliased++;
      report.readingBytes += value.length;
      report.averageReadingBytes = report.readingBytes / (report.readings - report.lost);
      const delayMs = faults.chance(options.late) ? 1000 * (1 + faults.int(lateMaxMs / 1000)) : 0;
      const duplicated = faults.chance(options.duplicate);
      const bad = faults.chance(options.invalid)
        ? invalidPayload(json, FIELD_NAMES[style.family].sn, faults)
        : undefined;

      const first = message(profile.serialNumber, value, time, delayMs, delayMs > 0 ? 'late' : 'reading');
      const copy = duplicated ? message(profile.serialNumber, value, time, delayMs, 'duplicate') : undefined;
      if (delayMs > 0) {
        late.push(first.timestamp, first);
        if (copy) late.push(copy.timestamp, copy);
      } else {
        yield count(first, index);
        if (copy) yield count(copy, index);
      }
      if (bad) {
        const garbage = message(profile.serialNumber, bad.value, time, 0, 'invalid');
        garbage.invalidKind = bad.kind;
        yield count(garbage, index);
      }
    }
  }
  while (late.size > 0) {
    const message = late.pop()!;
    yield count(message, indexOf.get(message.serialNumber)!);
  }
  report.complete = true;
  return report;
}
