import { describe, expect, it } from 'vitest';
import type { Delivery, OutgoingMessage } from '../../../src/kafka/kafka-producer.js';
import { publishSimulation, type MessageSender } from '../../../src/simulator/publish-simulation.js';
import { simulateFleet } from '../../../src/simulator/simulate-fleet.js';

/** A producer that acknowledges after `delayMs`, recording what it got and its highest in-flight count. */
class FakeProducer implements MessageSender {
  readonly sent: OutgoingMessage[] = [];
  inFlight = 0;
  maxInFlight = 0;
  constructor(
    private readonly delayMs = 0,
    private readonly failAt = Number.POSITIVE_INFINITY,
  ) {}
  send(message: OutgoingMessage): Promise<Delivery> {
    const n = this.sent.push(message);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    return new Promise((resolve, reject) =>
      setTimeout(() => {
        this.inFlight--;
        if (n === this.failAt) reject(new Error('broker said no'));
        else resolve({ topic: message.topic, partition: 0, offset: String(n - 1) });
      }, this.delayMs),
    );
  }
}

const small = { inverters: 20, readingsPerInverter: 10, duplicate: 0.1, late: 0.1, loss: 0.1, seed: 3 };

describe('publishing a simulation', () => {
  it('sends every message with its key and record timestamp, and returns the report', async () => {
    const producer = new FakeProducer();
    const simulation = simulateFleet(small);
    const expected = [...simulateFleet(small)];
    const result = await publishSimulation({ producer, topic: 'ACME01', simulation });
    expect(producer.sent.map((m) => [m.topic, m.key, m.timestamp, m.value])).toEqual(
      expected.map((m) => ['ACME01', m.serialNumber, m.timestamp, m.value]),
    );
    expect(result.report).toBe(simulation.report);
    expect(result.report.complete).toBe(true);
    expect(result.delivered).toBe(expected.length);
    expect(result.publishedPerSecond).toBeGreaterThan(0);
  });

  it('accepts simulation options instead of a simulation', async () => {
    const producer = new FakeProducer();
    const { report } = await publishSimulation({ producer, topic: 't', simulation: small });
    expect(report.published).toBe(producer.sent.length);
  });

  it('keeps at most maxInFlight messages unacknowledged', async () => {
    const producer = new FakeProducer(2);
    await publishSimulation({ producer, topic: 't', simulation: small, maxInFlight: 7 });
    expect(producer.maxInFlight).toBe(7);
  });

  it('paces messages by their timestamps when speedUp is finite', async () => {
    // Ten readings five minutes apart: 45 simulated minutes, which at 27,000x is at least 100 ms.
    const producer = new FakeProducer();
    const simulation = { inverters: 1, readingsPerInverter: 10, start: '2026-06-15T10:00:00Z' };
    const { elapsedMs } = await publishSimulation({ producer, topic: 't', simulation, speedUp: 27_000 });
    expect(elapsedMs).toBeGreaterThanOrEqual(95);
  });

  it('reports progress, and once more at the end', async () => {
    const seen: number[] = [];
    await publishSimulation({
      producer: new FakeProducer(),
      topic: 't',
      simulation: small,
      progressIntervalMs: 0,
      onProgress: (p) => seen.push(p.delivered),
    });
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)).toBe(simulateFleet(small).summarize().published);
  });

  it('stops when aborted and rejects with the signal reason', async () => {
    const producer = new FakeProducer(1);
    const controller = new AbortController();
    const reason = new Error('enough');
    const publishing = publishSimulation({
      producer,
      topic: 't',
      simulation: { ...small, readingsPerInverter: 100_000 },
      maxInFlight: 10,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(reason), 20);
    await expect(publishing).rejects.toBe(reason);
    expect(producer.sent.length).toBeLessThan(20 * 100_000);
    expect(producer.inFlight).toBe(0);
  });

  it('rejects with the producer error when a send fails, after the others settle', async () => {
    const producer = new FakeProducer(1, 5);
    await expect(publishSimulation({ producer, topic: 't', simulation: small })).rejects.toThrow('broker said no');
    expect(producer.inFlight).toBe(0);
  });

  it.each([
    [{ topic: 't', simulation: small }, 'give producerConfig or producer, exactly one'],
    [{ topic: '', simulation: small, producer: new FakeProducer() }, 'topic: expected a topic name'],
    [{ topic: 't', simulation: small, producer: new FakeProducer(), speedUp: -1 }, 'speedUp:'],
  ])('rejects invalid options with a ConfigError', async (options, message) => {
    await expect(publishSimulation(options)).rejects.toMatchObject({
      code: 'GWK_CONFIG',
      message: expect.stringContaining(message),
    });
  });
});
