import { describe, expect, it } from 'vitest';
import { MemoryGapStateStore } from '../../../src/gaps/gap-state-store.js';
import type { LookbackReading } from '../../../src/gaps/rebuild-from-log.js';
import { gapRecoveryOffline } from '../../support/gap-recovery.js';

const MIN = 60_000;
const t0 = Date.UTC(2026, 10, 20, 6);

/** A lookback of `batches` batches of one reading each of SN-0..SN-(width-1), 5 minutes apart. */
function lookback(batches: number, width: number, log: { pulled: number; closed: boolean }) {
  return async function* (): AsyncGenerator<LookbackReading[]> {
    try {
      for (let b = 0; b < batches; b++) {
        log.pulled = b + 1;
        yield Array.from({ length: width }, (_, i) => ({ serialNumber: `SN-${i}`, timeMs: t0 + b * 5 * MIN }));
      }
    } finally {
      log.closed = true;
    }
  };
}

describe('gap recovery rebuild from the lookback', () => {
  it('takes each batch into the detector and dedupe window as it is read, keeping none of them', async () => {
    const log = { pulled: 0, closed: false };
    const seenWhileReading: boolean[] = [];
    const read = lookback(4, 3, log);
    const recovery = gapRecoveryOffline(
      { expectedIntervalMs: 5 * MIN },
      {
        readLookback: async function* () {
          for await (const batch of read()) {
            yield batch;
            // By the time the next batch is read, the previous one is already known.
            seenWhileReading.push(recovery.isKnownDuplicate('SN-2', batch[0]!.timeMs));
          }
        },
      },
    );
    await recovery.rebuild(0, '100', () => true);
    expect(seenWhileReading).toEqual([true, true, true, true]);
    expect(log.closed).toBe(true);
    // The state is complete: the next reading on time is no gap, one 20 minutes late is.
    expect(recovery.observeLive(0, 'SN-0', t0 + 20 * MIN)).toBe(false);
    expect(recovery.stats.gapsFound).toBe(0);
    recovery.observeLive(0, 'SN-1', t0 + 35 * MIN);
    expect(recovery.stats.gapsFound).toBe(1);
    await recovery.close([]);
  });

  it('stops reading and applies nothing more once the assignment is no longer current', async () => {
    const log = { pulled: 0, closed: false };
    let current = true;
    const read = lookback(10, 1, log);
    const recovery = gapRecoveryOffline(
      { expectedIntervalMs: 5 * MIN },
      {
        readLookback: async function* () {
          for await (const batch of read()) {
            if (log.pulled === 3) current = false; // revoked while the third batch was read
            yield batch;
          }
        },
      },
    );
    await recovery.rebuild(0, '100', () => current);
    expect(log).toEqual({ pulled: 3, closed: true });
    expect(recovery.isKnownDuplicate('SN-0', t0 + 5 * MIN)).toBe(true);
    expect(recovery.isKnownDuplicate('SN-0', t0 + 10 * MIN)).toBe(false);
    await recovery.close([]);
  });

  it('still takes a lookback given all at once', async () => {
    const recovery = gapRecoveryOffline(
      { expectedIntervalMs: 5 * MIN },
      { readLookback: () => Promise.resolve([{ serialNumber: 'SN-0', timeMs: t0 }]) },
    );
    await recovery.rebuild(0, '100', () => true);
    expect(recovery.isKnownDuplicate('SN-0', t0)).toBe(true);
    await recovery.close([]);
  });
});

describe('gap recovery at close', () => {
  const MINUTE = 60_000;
  const reveal = (recovery: ReturnType<typeof gapRecoveryOffline>): void => {
    for (const minutes of [0, 5, 10, 40]) recovery.observeLive(0, 'SN-0', t0 + minutes * MINUTE);
    recovery.observeLive(0, 'SN-0', t0 + 20 * MINUTE); // a late reading inside the gap
  };

  it('ends a gap whose refill never ran as unresolved, with what came late, when there is no store', async () => {
    const events: unknown[] = [];
    const recovery = gapRecoveryOffline({
      refill: true,
      expectedIntervalMs: 5 * MINUTE,
      settleMs: 600_000,
      onGap: (e) => events.push(e),
    });
    reveal(recovery);
    await recovery.close([0]);
    expect(events).toMatchObject([{ serialNumber: 'SN-0', outcome: 'unresolved', recovered: 1, expected: 5 }]);
    expect(recovery.stats).toMatchObject({ gapsFound: 1, gapsUnresolved: 1, gapsHandedOver: 0 });
  });

  it('hands the gap to the store with its partition, and the next run takes it up once', async () => {
    const store = new MemoryGapStateStore();
    const options = { refill: true, expectedIntervalMs: 5 * MINUTE, settleMs: 600_000, store };
    const first = gapRecoveryOffline(options);
    reveal(first);
    await first.close([0]);
    expect(first.stats).toMatchObject({ gapsFound: 1, gapsUnresolved: 0, gapsHandedOver: 1 });
    expect((await store.load('ACME01', 0))[0]?.openGaps).toEqual([
      { fromMs: t0 + 10 * MINUTE, toMs: t0 + 40 * MINUTE, cadenceMs: 5 * MINUTE, recovered: 1 },
    ]);

    const events: unknown[] = [];
    const second = gapRecoveryOffline({ ...options, onGap: (e) => events.push(e) });
    await second.rebuild(0, '100', () => true);
    expect(second.stats.gapsResumed).toBe(1);
    // Closed again before the refill: not assigned any more, so it ends here, keeping its count.
    await second.close([]);
    expect(events).toMatchObject([{ outcome: 'unresolved', recovered: 1 }]);
  });

  it('hands a revoked partition’s open gaps over at once and does not end them here', async () => {
    const store = new MemoryGapStateStore();
    const events: unknown[] = [];
    const recovery = gapRecoveryOffline({
      refill: true,
      expectedIntervalMs: 5 * MINUTE,
      settleMs: 600_000,
      store,
      onGap: (e) => events.push(e),
    });
    reveal(recovery);
    await recovery.dropPartition(0);
    await recovery.close([]);
    expect(events).toEqual([]);
    expect(recovery.stats.gapsHandedOver).toBe(1);
    expect((await store.load('ACME01', 0))[0]?.openGaps).toHaveLength(1);
  });
});
