import { describe, expect, it } from 'vitest';
import { MemoryGapStateStore } from '../../../src/gaps/gap-state-store.js';
import { parseGapOptions } from '../../../src/gaps/gap-options.js';

describe('gap options', () => {
  it('applies the documented defaults', () => {
    expect(parseGapOptions(undefined)).toEqual({
      refill: false,
      toleranceFactor: 1.5,
      lookbackMs: 7_200_000,
      mergeWithinMs: 600_000,
      settleMs: 120_000,
      maxConcurrentScans: 2,
      maxScansPerSecond: 1,
      dedupe: true,
      dedupeDepth: 8,
      maxTrackedInverters: 1_000_000,
    });
  });

  it('keeps what the caller set, including a store and a callback', () => {
    const store = new MemoryGapStateStore();
    const onGap = (): void => undefined;
    const options = parseGapOptions({ refill: true, expectedIntervalMs: 300_000, store, onGap });
    expect(options).toMatchObject({ refill: true, expectedIntervalMs: 300_000, store, onGap });
  });

  it('suggests the option meant when one is misspelled', () => {
    expect(() => parseGapOptions({ lookBackMs: 1000 } as never)).toThrow(
      'Invalid option gaps: unknown option "lookBackMs" (did you mean "lookbackMs"?)',
    );
  });

  it.each([
    { name: 'a tolerance of 1 or less', input: { toleranceFactor: 1 }, path: 'gaps.toleranceFactor' },
    { name: 'a negative interval', input: { expectedIntervalMs: -5 }, path: 'gaps.expectedIntervalMs' },
    { name: 'zero concurrent scans', input: { maxConcurrentScans: 0 }, path: 'gaps.maxConcurrentScans' },
    { name: 'a store without methods', input: { store: {} }, path: 'gaps.store' },
    { name: 'a callback that is not a function', input: { onGap: 'log' }, path: 'gaps.onGap' },
    { name: 'an unknown option', input: { refil: true }, path: 'gaps' },
  ])('rejects $name with a ConfigError naming $path', ({ input, path }) => {
    expect(() => parseGapOptions(input as never)).toThrow(
      expect.objectContaining({ code: 'GWK_CONFIG', message: expect.stringContaining(`Invalid option ${path}`) }),
    );
  });
});
