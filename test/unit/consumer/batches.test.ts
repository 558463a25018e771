import { describe, expect, it } from 'vitest';
import { isGoodweKafkaError } from '../../../src/errors/goodwe-kafka-error.js';
import { FakeGroupConsumer } from '../../support/fake-group-consumer.js';
import { consumerOnFake, eventually, readingsOf } from '../../support/fake-consumer.js';

const p0 = { topic: 'ACME01', partition: 0 };
const p1 = { topic: 'ACME01', partition: 1 };
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('TelemetryConsumer#batches', () => {
  it('yields full batches, then what is left once maxWaitMs passed after its first record', async () => {
    const fake = new FakeGroupConsumer();
    fake.produce(0, readingsOf('SN1', 25));
    const consumer = consumerOnFake(fake);
    const sizes: number[] = [];
    for await (const batch of consumer.batches({ maxRecords: 10, maxWaitMs: 50 })) {
      sizes.push(batch.length);
      if (sizes.reduce((a, b) => a + b, 0) === 25) void consumer.close();
    }
    expect(sizes).toEqual([10, 10, 5]);
    expect(fake.committedOffset(p0)).toBe(25);
  });

  it('commits the offsets of a batch only after the body that received it has finished', async () => {
    const fake = new FakeGroupConsumer();
    fake.produce(0, readingsOf('SN1', 20));
    const consumer = consumerOnFake(fake, { commitIntervalMs: 5 });
    const committedDuringBodies: (number | undefined)[] = [];
    let batches = 0;
    for await (const batch of consumer.batches({ maxRecords: 10, maxWaitMs: 50 })) {
      await pause(50); // several commit intervals pass while the batch is being written
      committedDuringBodies.push(fake.committedOffset(p0));
      void batch;
      if (++batches === 2) void consumer.close();
    }
    expect(committedDuringBodies).toEqual([undefined, 10]);
    expect(fake.committedOffset(p0)).toBe(20);
  });

  it('leaves the batch in hand uncommitted when its body throws', async () => {
    const fake = new FakeGroupConsumer();
    fake.produce(0, readingsOf('SN1', 20));
    const consumer = consumerOnFake(fake, { commitIntervalMs: 5 });
    let batches = 0;
    await expect(
      (async () => {
        for await (const batch of consumer.batches({ maxRecords: 10, maxWaitMs: 50 })) {
          void batch;
          if (++batches === 2) throw new Error('the database refused the batch');
        }
      })(),
    ).rejects.toThrow('the database refused the batch');
    expect(fake.committedOffset(p0)).toBe(10);
  });

  it('never yields records of a partition revoked while the batch was filling', async () => {
    const fake = new FakeGroupConsumer();
    fake.produce(0, readingsOf('SN1', 5));
    fake.produce(1, readingsOf('SN2', 5));
    const consumer = consumerOnFake(fake);
    const partitions: number[] = [];
    const loop = (async () => {
      for await (const batch of consumer.batches({ maxRecords: 100, maxWaitMs: 300 })) {
        partitions.push(...batch.map((record) => record.partition));
        break;
      }
    })();
    await eventually(() => fake.fetches.length > 3, 'records are being collected');
    fake.revoke([p1]);
    await loop;
    expect(partitions.length).toBeGreaterThan(0);
    expect(partitions.filter((p) => p === 1)).toEqual([]);
    expect(fake.committedOffset(p1)).toBeUndefined();
  });

  it('rejects a misspelled option with a ConfigError naming it', () => {
    const consumer = consumerOnFake(new FakeGroupConsumer());
    let caught: unknown;
    try {
      consumer.batches({ maxRecords: 10, maxWaitMs: 10, maxRecord: 5 } as never);
    } catch (error) {
      caught = error;
    }
    expect(isGoodweKafkaError(caught) && caught.code).toBe('GWK_CONFIG');
    expect(String((caught as Error).message)).toContain('maxRecord');
  });

  it('is one loop per consumer: a second loop is refused', async () => {
    const fake = new FakeGroupConsumer();
    fake.produce(0, readingsOf('SN1', 1));
    const consumer = consumerOnFake(fake);
    const batches = consumer.batches({ maxRecords: 10, maxWaitMs: 10 })[Symbol.asyncIterator]();
    expect(() => consumer[Symbol.asyncIterator]()).toThrow(/already being iterated/);
    await batches.return?.();
  });
});
