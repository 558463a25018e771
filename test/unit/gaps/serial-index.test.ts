import { describe, expect, it } from 'vitest';
import { SerialIndex, maxTrackedPartition, type SlotStore } from '../../../src/gaps/serial-index.js';

/** A store that records what the index asks of it. */
function recordingStore(): SlotStore & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    resize: (capacity) => calls.push(`resize ${capacity}`),
    clear: (slot) => calls.push(`clear ${slot}`),
  };
}

describe('serial index', () => {
  it('gives each serial number one slot and clears it in every store on first sight', () => {
    const index = new SerialIndex({ initialCapacity: 4 });
    const store = recordingStore();
    index.attach(store);
    expect([index.acquire('A', 0), index.acquire('B', 0), index.acquire('A', 1)]).toEqual([0, 1, 0]);
    expect(store.calls).toEqual(['resize 4', 'clear 0', 'clear 1']);
    expect([index.slotOf('A'), index.slotOf('C'), index.serialAt(1)]).toEqual([0, -1, 'B']);
  });

  it('grows every store by half when full', () => {
    const index = new SerialIndex({ initialCapacity: 2 });
    const store = recordingStore();
    index.attach(store);
    for (const serial of ['A', 'B', 'C']) index.acquire(serial, 0);
    expect(store.calls).toContain('resize 3');
    expect(index.capacity).toBe(3);
  });

  it('reuses the slots of a dropped partition, cleared', () => {
    const index = new SerialIndex();
    const store = recordingStore();
    index.attach(store);
    index.acquire('A', 5);
    index.acquire('B', 6);
    expect(index.dropPartition(5)).toBe(1);
    expect(index.acquire('C', 6)).toBe(0);
    expect(store.calls.filter((call) => call === 'clear 0')).toHaveLength(3);
    expect([...index.slotsOf(6)]).toEqual([
      [1, 'B'],
      [0, 'C'],
    ]);
  });

  it('counts readings it could not track once full', () => {
    const index = new SerialIndex({ maxSerials: 1 });
    expect([index.acquire('A', 0), index.acquire('B', 0)]).toEqual([0, -1]);
    expect(index.untracked).toBe(1);
  });

  it('refuses a partition it cannot remember', () => {
    expect(() => new SerialIndex().acquire('A', maxTrackedPartition + 1)).toThrow(RangeError);
  });
});
