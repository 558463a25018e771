import { describe, expect, it } from 'vitest';
import { FakeGroupConsumer } from '../../support/fake-group-consumer.js';
import { consumerOnFake } from '../../support/fake-consumer.js';

// On 2026-10-25 Europe/Berlin goes back from CEST to CET at 01:00Z, so the wall clock shows
// 02:00-02:59 twice. Each reading is published a few seconds after it was taken, and its Kafka
// timestamp tells which of the two hours its wall-clock time belongs to.
const firstHourUtc = Date.UTC(2026, 9, 25, 0, 0);
const reading = (minute: number, hour: 1 | 2, pac: number, delayMs = 5_000): { value: string; timestamp: number } => ({
  value: JSON.stringify({ sn: 'SN1', last_time: `10/25/2026 02:${String(minute).padStart(2, '0')}:00`, pac }),
  timestamp: firstHourUtc + (hour - 1) * 3_600_000 + minute * 60_000 + delayMs,
});

describe('wall-clock times in the repeated autumn hour', () => {
  it("gives the second hour's readings their own time, from the Kafka timestamp", async () => {
    const fake = new FakeGroupConsumer();
    const minutes = [0, 15, 30, 45];
    fake.produce(0, [
      ...minutes.map((m) => reading(m, 1, 1000 + m)),
      ...minutes.map((m) => reading(m, 2, 500 + m)),
      reading(30, 2, 530, 60_000), // the same reading published again a minute later
    ]);
    const consumer = consumerOnFake(fake, { timeZone: 'Europe/Berlin', gaps: { refill: false } });
    const seen: [unknown, string | undefined][] = [];
    for await (const record of consumer) {
      seen.push([record.raw['pac'], record.value.time?.toISOString()]);
      // The duplicate at offset 8 is dropped, so nothing follows the eighth: close a little later.
      if (seen.length === 8) setTimeout(() => void consumer.close(), 300);
    }
    expect(seen).toEqual([
      [1000, '2026-10-25T00:00:00.000Z'],
      [1015, '2026-10-25T00:15:00.000Z'],
      [1030, '2026-10-25T00:30:00.000Z'],
      [1045, '2026-10-25T00:45:00.000Z'],
      [500, '2026-10-25T01:00:00.000Z'],
      [515, '2026-10-25T01:15:00.000Z'],
      [530, '2026-10-25T01:30:00.000Z'],
      [545, '2026-10-25T01:45:00.000Z'],
    ]);
    expect(consumer.stats().duplicatesDropped).toBe(1);
  });
});
