import { describe, expect, it } from 'vitest';
import { DeliveryQueue } from '../../../src/consumer/delivery-queue.js';
import { FetchPump } from '../../../src/consumer/fetch-pump.js';
import { PartitionLedger } from '../../../src/consumer/partition-ledger.js';
import { FakeGroupConsumer } from '../../support/fake-group-consumer.js';
import { eventually, readingsOf } from '../../support/fake-consumer.js';

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function pumpOver(fake: FakeGroupConsumer, maxRecords: number, fetchBatchSize: number) {
  const ledger = new PartitionLedger();
  const queue = new DeliveryQueue<unknown>(maxRecords, 1024 * 1024);
  let stopped = false;
  const pump = new FetchPump(fake, ledger, queue, {
    fetchBatchSize,
    isStopped: () => stopped,
    onFetched: () => undefined,
    onSkip: () => undefined,
  });
  fake.hooks = {
    onAssign: (partitions) => {
      ledger.assign(partitions);
      pump.onAssigned(partitions);
    },
    onRevoke: (partitions) => {
      ledger.revoke(partitions);
      return [];
    },
    onRevoked: () => undefined,
    onFault: () => undefined,
  };
  fake.subscribe();
  const running = pump.run();
  return {
    queue,
    stop: async () => {
      stopped = true;
      pump.stop();
      queue.close();
      await running;
    },
  };
}

describe('fetch pump', () => {
  it('stops fetching at the budget and starts again only at the low-water mark', async () => {
    const fake = new FakeGroupConsumer();
    fake.produce(0, readingsOf('SN1', 200));
    const { queue, stop } = pumpOver(fake, 20, 5);
    try {
      await eventually(() => queue.isFull, 'the queue is full');
      const fetchedWhenFull = fake.fetches.filter((max) => max === 5).length;
      queue.shift(); // 19 left: not full any more, but above the low-water mark
      await pause(100);
      expect(fake.fetches.filter((max) => max === 5).length).toBe(fetchedWhenFull);
      while (queue.records > 10) queue.shift();
      await eventually(() => fake.fetches.filter((max) => max === 5).length > fetchedWhenFull, 'it fetches again');
    } finally {
      await stop();
    }
  });

  it('pauses the partitions when the body stays a full buffer behind, and keeps polling', async () => {
    const fake = new FakeGroupConsumer();
    fake.produce(0, readingsOf('SN1', 100));
    const { queue, stop } = pumpOver(fake, 20, 5);
    try {
      await eventually(() => fake.isPaused({ topic: fake.topic, partition: 0 }), 'the partition is paused', 3000);
      const polls = fake.fetches.length;
      await eventually(() => fake.fetches.length > polls + 1, 'it keeps polling while paused', 3000);
      while (queue.records > 0) queue.shift();
      await eventually(() => !fake.isPaused({ topic: fake.topic, partition: 0 }), 'it resumes', 3000);
    } finally {
      await stop();
    }
  });

  it('resumes a partition assigned while not paused, whatever pause flag it kept from before', async () => {
    const fake = new FakeGroupConsumer();
    fake.produce(0, readingsOf('SN1', 3));
    fake.autoAssign = false;
    const p0 = { topic: fake.topic, partition: 0 };
    fake.pause([p0]); // left over from an earlier assignment
    const { queue, stop } = pumpOver(fake, 20, 5);
    try {
      fake.assign([p0]);
      await eventually(() => queue.records === 3, 'its records are fetched');
    } finally {
      await stop();
    }
  });
});
