import { describe, expect, it } from 'vitest';
import { FakeGroupConsumer } from '../../support/fake-group-consumer.js';
import { consumerOnFake } from '../../support/fake-consumer.js';

// Wall-clock times without an offset, as many GoodWe payloads carry them: on the night clocks go
// back, 02:00-02:59 happens twice and decodes to the same instants both times.
const wall = (minute: number): string => `2026-10-25 02:${String(minute).padStart(2, '0')}:00`;
const reading = (minute: number, pac: number): { value: string } => ({
  value: JSON.stringify({ sn: 'SN1', last_time: wall(minute), pac }),
});

describe('dedupe across the repeated autumn hour', () => {
  it('delivers the second hour of readings with repeated times, and still drops a real duplicate', async () => {
    const fake = new FakeGroupConsumer();
    const firstHour = [0, 15, 30, 45].map((m) => reading(m, 1000 + m));
    const secondHour = [0, 15, 30, 45].map((m) => reading(m, 500 + m));
    fake.produce(0, [...firstHour, ...secondHour, reading(30, 530)]); // the last one: published twice
    const consumer = consumerOnFake(fake, { gaps: { refill: false } });
    const pacs: unknown[] = [];
    for await (const record of consumer) {
      pacs.push(record.raw['pac']);
      // The duplicate at offset 8 is dropped, so nothing follows the eighth: close a little later.
      if (pacs.length === 8) setTimeout(() => void consumer.close(), 300);
    }
    expect(pacs).toEqual([1000, 1015, 1030, 1045, 500, 515, 530, 545]);
    expect(consumer.stats().duplicatesDropped).toBe(1);
  });
});
