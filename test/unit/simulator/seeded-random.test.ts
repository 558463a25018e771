import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../src/simulator/seeded-random.js';

const take = (random: SeededRandom, n: number): number[] => Array.from({ length: n }, () => random.next());

describe('seeded random', () => {
  it('repeats the same sequence for the same seed and stream', () => {
    expect(take(new SeededRandom(42, 'faults'), 100)).toEqual(take(new SeededRandom(42, 'faults'), 100));
  });

  it('gives unrelated sequences for other seeds and streams', () => {
    const base = take(new SeededRandom(42, 'faults'), 10);
    expect(take(new SeededRandom(43, 'faults'), 10)).not.toEqual(base);
    expect(take(new SeededRandom(42, 'weather'), 10)).not.toEqual(base);
    expect(take(new SeededRandom('42', 'faults'), 10)).not.toEqual(base);
  });

  it('draws numbers in [0, 1) with a uniform mean', () => {
    const values = take(new SeededRandom(7), 100_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean).toBeGreaterThan(0.49);
    expect(mean).toBeLessThan(0.51);
  });

  it('never fires a chance of 0 and always fires a chance of 1', () => {
    const random = new SeededRandom(1);
    for (let i = 0; i < 1000; i++) {
      expect(random.chance(0)).toBe(false);
      expect(random.chance(1)).toBe(true);
    }
  });
});
