import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBroker } from '../harness/broker-info.js';
import { startLocalBroker } from '../harness/local-kraft-broker.js';
import { projectRoot } from '../harness/project-root.js';
import { GapRecovery } from '../../src/gaps/gap-recovery.js';
import { parseGapOptions } from '../../src/gaps/gap-options.js';
import { readWindow } from '../../src/gaps/read-window.js';
import { silentLogger } from '../../src/internal/logger.js';
import type { ClientConfig } from '../../src/kafka/client-config.js';
import { KafkaAdmin } from '../../src/kafka/kafka-admin.js';
import { KafkaProducer } from '../../src/kafka/kafka-producer.js';
import type { TelemetryRecord } from '../../src/records/telemetry-record.js';
import { decodeTelemetry } from '../../src/telemetry/decode-telemetry.js';
import { broker, uniqueName } from '../support/kafka.js';
import { reading } from '../support/telemetry.js';

// These tests freeze a broker, so they use one of their own rather than the shared one.
const local = broker().backend === 'local';
const MIN = 60_000;
const t0 = Date.UTC(2026, 10, 20, 6);
// Longer than any "nothing came for a while, so the window must be over" cut-off would wait.
const pauseMs = 5000;

describe.skipIf(!local)('side reads while the broker is paused', () => {
  let own: RunningBroker;
  let resumeTimer: NodeJS.Timeout | undefined;
  beforeAll(async () => {
    own = await startLocalBroker({ root: projectRoot() });
  }, 120_000);
  afterEach(async () => {
    // A test that ended early must not leave the broker paused, nor resume it in the next test.
    if (resumeTimer === undefined) return;
    clearTimeout(resumeTimer);
    resumeTimer = undefined;
    await own.resume!();
  });
  afterAll(() => own?.stop());

  /** A reader that holds next to nothing in its prefetch queue: what it reads after a pause, it reads then. */
  function slowReader(): ClientConfig {
    return {
      'bootstrap.servers': own.info.plaintext,
      'fetch.message.max.bytes': 1024,
      'queued.max.messages.kbytes': 1,
      'queued.min.messages': 1,
      // A full prefetch queue otherwise holds the next fetch back for a second.
      'fetch.queue.backoff.ms': 5,
    };
  }

  /** A topic with one reading of SN-0 a minute (in a record batch each), minutes 0 to count - 1, each published at its time. */
  async function minuteReadings(count: number): Promise<string> {
    const topic = uniqueName('pause');
    await using admin = new KafkaAdmin({ 'bootstrap.servers': own.info.plaintext });
    await admin.createTopic({ topic, partitions: 1 });
    await using producer = await KafkaProducer.connect({ 'bootstrap.servers': own.info.plaintext });
    // One at a time: each in a record batch of its own, which a fetch can stop after.
    for (let i = 0; i < count; i++)
      await producer.send({
        topic,
        key: 'SN-0',
        value: reading('SN-0', t0 + i * MIN, { seq: i }),
        timestamp: t0 + i * MIN,
      });
    return topic;
  }

  /** Freezes the broker now and lets it run again after `pauseMs`. */
  async function pauseBroker(): Promise<void> {
    await own.pause!();
    resumeTimer = setTimeout(() => {
      resumeTimer = undefined;
      void own.resume!();
    }, pauseMs);
  }

  it('a replay returns the whole window when the broker pauses for a few seconds in the middle of it', async () => {
    const topic = await minuteReadings(120);
    const window = readWindow({
      config: slowReader(),
      topic,
      fromMs: t0,
      toMs: t0 + 119 * MIN,
      slackMs: 0,
      decode: (bytes) => decodeTelemetry(bytes),
      source: 'replay',
      timeoutMs: 15_000,
      signal: AbortSignal.timeout(60_000),
    });
    const seqs: unknown[] = [];
    let next = await window.next();
    while (!next.done) {
      for (const item of next.value.items) if (item.kind === 'record') seqs.push(item.record.raw['seq']);
      if (seqs.length === 1) await pauseBroker();
      next = await window.next();
    }
    expect(seqs).toEqual(Array.from({ length: 120 }, (_, i) => i));
    expect(next.value.messages).toBe(120);
  }, 90_000);

  it('a refill refills the whole gap when the broker pauses for a few seconds in the middle of it', async () => {
    const topic = await minuteReadings(120);
    const delivered: TelemetryRecord<unknown>[] = [];
    const recovery = new GapRecovery(parseGapOptions({ refill: true, expectedIntervalMs: MIN, settleMs: 0 }), {
      topic,
      partitionCount: 1,
      clientConfig: () => Promise.resolve(slowReader()),
      decode: (bytes) => decodeTelemetry(bytes),
      logger: silentLogger,
      timeoutMs: 15_000,
      deliver: async (record) => {
        delivered.push(record);
        if (delivered.length === 1) await pauseBroker();
      },
    });
    await recovery.rebuild(0, undefined, () => true);
    // The live stream saw minute 0, then minute 119: the 118 readings between are a gap in the log.
    recovery.observeLive(0, 'SN-0', t0);
    recovery.observeLive(0, 'SN-0', t0 + 119 * MIN);
    const { value: event } = await recovery.events().next();
    await recovery.close([]);
    expect(event).toMatchObject({ serialNumber: 'SN-0', outcome: 'refilled', recovered: 118 });
    expect(delivered.map((r) => r.raw['seq'])).toEqual(Array.from({ length: 118 }, (_, i) => i + 1));
  }, 90_000);
});
