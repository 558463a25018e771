import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SERIAL_NUMBER_FIELDS } from '../../../src/simulator/encode-reading.js';
import { simulateFleet, type SimulatedMessage } from '../../../src/simulator/simulate-fleet.js';
import type { SimulationOptions } from '../../../src/simulator/simulation-options.js';
import { ZoneClock } from '../../../src/simulator/zone-clock.js';

const faulty: SimulationOptions = {
  inverters: 50,
  readingsPerInverter: 40,
  seed: 11,
  loss: 0.05,
  late: 0.05,
  duplicate: 0.05,
  invalid: 0.05,
  aliasVariety: 0.5,
};

const all = (options: SimulationOptions): SimulatedMessage[] => [...simulateFleet(options)];
/** A digest of everything a simulation publishes: keys, timestamps, kinds and bytes. */
function digest(options: SimulationOptions): string {
  const hash = createHash('sha256');
  for (const m of simulateFleet(options)) hash.update(`${m.key}|${m.timestamp}|${m.kind}|`).update(m.value);
  return hash.digest('hex');
}
const parse = (message: SimulatedMessage): Record<string, unknown> =>
  JSON.parse(message.value.toString()) as Record<string, unknown>;
const serialOf = (json: Record<string, unknown>): unknown =>
  SERIAL_NUMBER_FIELDS.map((field) => json[field]).find((v) => v !== undefined);

describe('fleet simulation', () => {
  it('gives the same messages, byte for byte, for the same seed', () => {
    expect(digest(faulty)).toBe(digest(faulty));
    expect(digest({ ...faulty, seed: 12 })).not.toBe(digest(faulty));
    const [a, b] = [all(faulty), all(faulty)];
    expect(a.length).toBeGreaterThan(1900);
    expect(b.map((m) => m.value.toString('base64'))).toEqual(a.map((m) => m.value.toString('base64')));
  });

  it('keys every message with the serial number and never lets record timestamps go back', () => {
    let previous = Number.NEGATIVE_INFINITY;
    for (const message of simulateFleet(faulty)) {
      expect(message.key).toBe(message.serialNumber);
      expect(message.timestamp).toBeGreaterThanOrEqual(previous);
      expect(message.timestamp).toBe(message.readingTimeMs + message.delayMs);
      expect(message.readingTimeMs % 1000).toBe(0);
      previous = message.timestamp;
    }
  });

  it('writes every reading as JSON with a serial number under one of the family names', () => {
    const families = new Set<string>();
    for (const message of simulateFleet({ ...faulty, aliasVariety: 0.7 })) {
      if (message.kind === 'invalid') continue;
      const json = parse(message);
      expect(serialOf(json)).toBe(message.serialNumber);
      families.add(SERIAL_NUMBER_FIELDS.find((field) => field in json)!);
    }
    expect([...families].sort()).toEqual([...SERIAL_NUMBER_FIELDS].sort());
  });

  it('writes the default payload with last_time equal to the reading time, about 500 bytes on average', () => {
    const simulation = simulateFleet({ inverters: 200, seed: 4 });
    for (const message of simulation) expect(parse(message)['last_time']).toBe(message.readingTimeMs);
    const { averageReadingBytes, aliased } = simulation.report;
    expect(aliased).toBe(0);
    expect(averageReadingBytes).toBeGreaterThan(450);
    expect(averageReadingBytes).toBeLessThan(650);
  });

  it('publishes invalid messages that a strict decoder rejects', () => {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const invalid = all({ ...faulty, invalid: 0.5 }).filter((m) => m.kind === 'invalid');
    expect(invalid.length).toBeGreaterThan(500);
    for (const message of invalid) {
      let json: unknown;
      try {
        json = JSON.parse(decoder.decode(message.value));
      } catch {
        continue;
      }
      const usable = typeof json === 'object' && json !== null && !Array.isArray(json) && serialOf(json as never);
      expect(usable, message.value.toString('latin1')).toBeFalsy();
    }
  });

  describe('report', () => {
    it('counts exactly what the stream holds', () => {
      const simulation = simulateFleet(faulty);
      const messages = [...simulation];
      const { report } = simulation;
      const kinds = (kind: string) => messages.filter((m) => m.kind === kind).length;
      expect(report.complete).toBe(true);
      expect(report.published).toBe(messages.length);
      expect(report.duplicates).toBe(kinds('duplicate'));
      expect(report.late).toBe(kinds('late'));
      expect(report.invalid).toBe(kinds('invalid'));
      expect(kinds('reading')).toBe(report.readings - report.lost - report.late);
      expect(report.published).toBe(report.readings - report.lost + report.duplicates + report.invalid);
      expect(report.readings).toBe(50 * 40);
      expect(report.perInverter.every((c) => c.readings === 40)).toBe(true);
      expect(report.publishedBytes).toBe(messages.reduce((n, m) => n + m.value.length, 0));
      expect(Object.values(report.invalidByKind).reduce((a, b) => a + b, 0)).toBe(report.invalid);
      for (const counts of report.perInverter) {
        expect(counts.published).toBe(messages.filter((m) => m.serialNumber === counts.serialNumber).length);
      }
      expect(report.firstTimestampMs).toBe(messages[0]?.timestamp);
      expect(report.lastTimestampMs).toBe(messages.at(-1)?.timestamp);
    });

    it('lists exactly the readings that were not published', () => {
      const simulation = simulateFleet(faulty);
      const published = new Set<string>();
      for (const m of simulation) if (m.kind !== 'invalid') published.add(`${m.serialNumber}@${m.readingTimeMs}`);
      const lost = simulation.report.lostReadings.map((r) => `${r.serialNumber}@${r.timeMs}`);
      expect(lost).toHaveLength(simulation.report.lost);
      for (const key of lost) expect(published.has(key)).toBe(false);
      expect(published.size + lost.length).toBe(simulation.report.readings);
    });

    it('loses readings at the configured rate over a large fleet', () => {
      const report = simulateFleet({ inverters: 200, readingsPerInverter: 200, loss: 0.05, seed: 2026 }).summarize();
      expect(report.readings).toBe(40_000);
      // ±4.5 standard deviations of a binomial(40,000, 0.05); the seed is fixed, so it cannot flake.
      expect(report.lost / report.readings).toBeGreaterThan(0.05 - 0.005);
      expect(report.lost / report.readings).toBeLessThan(0.05 + 0.005);
    });

    it('is filled in as messages are taken and starts over with each run', () => {
      const simulation = simulateFleet(faulty);
      const messages = simulation.messages();
      for (let i = 0; i < 10; i++) messages.next();
      expect(simulation.report).toMatchObject({ published: 10, complete: false });
      const final = simulation.summarize();
      expect(final).toBe(simulation.report);
      expect(final.complete).toBe(true);
      expect(final.published).toBe(all(faulty).length);
    });
  });

  describe('faults', () => {
    it('publishes a duplicate right after its reading, with the same bytes and timestamp', () => {
      const messages = all(faulty);
      messages.forEach((message, i) => {
        if (message.kind !== 'duplicate') return;
        const original = messages[i - 1]!;
        expect(['reading', 'late']).toContain(original.kind);
        expect(message.value.equals(original.value)).toBe(true);
        expect(message.timestamp).toBe(original.timestamp);
      });
    });

    it('publishes a late reading after readings taken later, stamped with its delivery time', () => {
      const messages = all({ ...faulty, lateMaxMs: 1_800_000 });
      const late = messages.filter((m) => m.kind === 'late');
      expect(late.length).toBeGreaterThan(50);
      for (const message of late) {
        expect(message.delayMs).toBeGreaterThan(0);
        expect(message.delayMs).toBeLessThanOrEqual(1_800_000);
      }
      late.forEach((message) => {
        const at = messages.indexOf(message);
        // Every reading taken before the late one was finally sent went out ahead of it.
        const ahead = messages.filter((m) => m.kind === 'reading' && m.readingTimeMs < message.timestamp);
        expect(ahead.every((m) => messages.indexOf(m) < at)).toBe(true);
      });
      const overtaken = late.filter((m) =>
        messages.slice(0, messages.indexOf(m)).some((o) => o.readingTimeMs > m.readingTimeMs),
      );
      expect(overtaken.length).toBeGreaterThan(0.9 * late.length);
    });

    it('changes nothing but the faults when only the fault rates change', () => {
      const clean = all({ ...faulty, loss: 0, late: 0, duplicate: 0, invalid: 0 });
      const lossy = all({ ...faulty, loss: 0.2, late: 0, duplicate: 0, invalid: 0 });
      const byReading = new Map(clean.map((m) => [`${m.serialNumber}@${m.readingTimeMs}`, m.value]));
      for (const message of lossy)
        expect(message.value).toEqual(byReading.get(`${message.serialNumber}@${message.readingTimeMs}`));
    });
  });

  describe('day and night', () => {
    const zone = 'Europe/Amsterdam';
    const threeDays: SimulationOptions = {
      inverters: 20,
      start: '2026-06-14T22:00:00Z', // local midnight
      durationMs: 3 * 86_400_000,
      timeZone: zone,
      seed: 5,
    };

    it('is silent at night by default: readings only between about 05:30 and 19:30 local time', () => {
      const clock = new ZoneClock(zone);
      const minutes = all(threeDays).map((m) => clock.local(m.readingTimeMs).minuteOfDay);
      expect(minutes.length).toBeGreaterThan(0);
      expect(Math.min(...minutes)).toBeGreaterThanOrEqual(5.5 * 60);
      expect(Math.max(...minutes)).toBeLessThanOrEqual(19.5 * 60);
    });

    it('reports at night when asked, string inverters as offline', () => {
      const clock = new ZoneClock(zone);
      const night = all({ ...threeDays, reportAtNight: true, batteryShare: 0 }).filter(
        (m) => clock.local(m.readingTimeMs).minuteOfDay < 4 * 60,
      );
      expect(night.length).toBe(20 * 3 * 48);
      for (const m of night) expect(parse(m)).toMatchObject({ status: -1, pac: 0, vac1: null });
    });

    it('accumulates energyToday within a local day, restarts it at midnight, and only grows the lifetime counters', () => {
      const clock = new ZoneClock(zone);
      const last = new Map<string, { day: number; eday: number; etotal: number; hours: number }>();
      let resets = 0;
      for (const message of simulateFleet(threeDays)) {
        const json = parse(message) as { eday: number; etotal: number; hour_total: number };
        const day = clock.local(message.readingTimeMs).day;
        const before = last.get(message.serialNumber);
        if (before && before.day === day) expect(json.eday).toBeGreaterThanOrEqual(before.eday);
        if (before && before.day !== day) {
          resets++;
          expect(json.eday).toBeLessThan(0.5);
          expect(before.eday).toBeGreaterThan(json.eday);
        }
        if (before) {
          expect(json.etotal).toBeGreaterThanOrEqual(before.etotal);
          expect(json.hour_total).toBeGreaterThanOrEqual(before.hours);
        }
        last.set(message.serialNumber, { day, eday: json.eday, etotal: json.etotal, hours: json.hour_total });
      }
      expect(resets).toBe(20 * 2);
    });

    it('produces more around noon than in the morning', () => {
      const clock = new ZoneClock(zone);
      const power = (from: number, to: number) =>
        all(threeDays)
          .filter((m) => {
            const minute = clock.local(m.readingTimeMs).minuteOfDay;
            return minute >= from * 60 && minute < to * 60;
          })
          .reduce((sum, m) => sum + (parse(m)['pac'] as number), 0);
      expect(power(12, 13)).toBeGreaterThan(2 * power(7, 8));
    });
  });

  it('is lazy: the first messages of an enormous simulation come at once', () => {
    const simulation = simulateFleet({
      inverters: 1000,
      readingsPerInverter: 10_000_000,
      start: '2026-06-15T10:00:00Z',
    });
    const first: SimulatedMessage[] = [];
    for (const message of simulation) {
      first.push(message);
      if (first.length === 5) break;
    }
    expect(first).toHaveLength(5);
    expect(simulation.report.published).toBe(5);
  });

  it('gives every inverter of the fleet a distinct GoodWe-style serial number', () => {
    const { inverters } = simulateFleet({ inverters: 5000 });
    expect(new Set(inverters.map((p) => p.serialNumber)).size).toBe(5000);
    for (const p of inverters) expect(p.serialNumber).toMatch(/^5[0-9]{3}[0-9K][A-Z]{3}[0-9]{2}[A-Z]{2}[0-9]{4}$/);
    const models = new Set(inverters.map((p) => p.model.name));
    expect(models.size).toBeGreaterThanOrEqual(8);
    const share = (f: (p: (typeof inverters)[number]) => boolean) => inverters.filter(f).length / inverters.length;
    expect(share((p) => p.hasBattery)).toBeCloseTo(0.3, 1);
    expect(share((p) => p.model.phases === 3)).toBeGreaterThan(0.2);
  });
});
