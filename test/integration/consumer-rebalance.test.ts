import { afterEach, describe, expect, it } from 'vitest';
import { createTelemetryConsumer } from '../../src/consumer/create-telemetry-consumer.js';
import { KafkaAdmin } from '../../src/kafka/kafka-admin.js';
import { createTopic, plaintextConfig, uniqueName } from '../support/kafka.js';
import { plaintextConnection, produceReadings } from '../support/telemetry.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('TelemetryConsumer in a group that rebalances', () => {
  it('loses nothing and yields no record of a revoked partition when a third member joins mid-stream', async () => {
    const partitions = 6;
    const perPartition = 3000;
    const { topic, remove } = await createTopic('rebalance', partitions);
    cleanups.push(remove);
    await produceReadings(topic, partitions, perPartition);
    const groupId = uniqueName('group');
    const total = partitions * perPartition;

    const delivered = new Set<string>();
    const violations: string[] = [];
    const revocations: string[] = [];
    const done = new AbortController();

    // The first two members hold half-way through a partition until the third has partitions, so it
    // joins mid-stream, with records left to read, however fast the machine is.
    let thirdAssigned!: () => void;
    const thirdHasPartitions = new Promise<void>((resolve) => (thirdAssigned = resolve));

    const member = async (name: string): Promise<number> => {
      const owned = new Set<number>();
      const consumer = createTelemetryConsumer({
        connection: plaintextConnection(topic),
        groupId,
        signal: done.signal,
        maxBufferedRecords: 500,
        commitIntervalMs: 200,
        onAssign: ({ partitions: assigned }) => {
          assigned.forEach((p) => owned.add(p.partition));
          if (name === 'c' && assigned.length > 0) thirdAssigned();
        },
        onRevoke: ({ partitions: revoked }) =>
          revoked.forEach((p) => {
            owned.delete(p.partition);
            revocations.push(`${name}:${p.partition}`);
          }),
      });
      let count = 0;
      for await (const record of consumer) {
        if (!owned.has(record.partition))
          violations.push(`${name} got ${record.partition}@${record.offset} after revoke`);
        delivered.add(`${record.partition}:${record.offset}`);
        if (++count % 25 === 0) await pause(2);
        // Holding once any partition is half read leaves records on every partition for the third member.
        if (name !== 'c' && Number(record.offset) >= perPartition / 2)
          await Promise.race([thirdHasPartitions, pause(30_000)]);
        if (delivered.size === total) done.abort();
      }
      return count;
    };

    // Committed offsets, sampled while the group works, must never move backwards.
    const committedHistory: Record<number, number[]> = {};
    const sampler = (async () => {
      await using admin = new KafkaAdmin(plaintextConfig());
      while (!done.signal.aborted) {
        for (const { partition, offset } of await admin.groupOffsets(groupId).catch(() => [])) {
          (committedHistory[partition] ??= []).push(Number(offset));
        }
        await pause(150);
      }
    })();

    const a = member('a');
    const b = member('b');
    // Reached before any hold: a hold needs one partition half read.
    while (delivered.size < perPartition / 2) await pause(50);
    const c = member('c');
    const counts = await Promise.all([a, b, c]);
    await sampler;

    expect(delivered.size).toBe(total);
    expect(violations).toEqual([]);
    expect(revocations.length).toBeGreaterThan(0); // the third member really took partitions over
    expect(counts[2]).toBeGreaterThan(0);
    for (const history of Object.values(committedHistory)) {
      const moving = history.filter((offset) => offset >= 0);
      expect(moving).toEqual([...moving].sort((x, y) => x - y));
    }
    // Duplicates are bounded: at most the in-flight and buffered records of revoked partitions.
    expect(counts.reduce((x, y) => x + y, 0) - total).toBeLessThanOrEqual(revocations.length * 500 + 3);
  }, 120_000);
});
