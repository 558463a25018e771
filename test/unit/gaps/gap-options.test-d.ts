import { describe, expectTypeOf, it } from 'vitest';
import type { GapOptions, ResolvedGapOptions } from '../../../src/gaps/gap-options.js';
import type { GapEvent, GapOutcome } from '../../../src/gaps/gap-outcome.js';

describe('gap options types', () => {
  it('makes every field optional for callers', () => {
    expectTypeOf<Record<string, never>>().toExtend<GapOptions>();
    expectTypeOf<{ refill: true; expectedIntervalMs: 300_000 }>().toExtend<GapOptions>();
  });

  it('hands onGap a typed GapEvent', () => {
    expectTypeOf<NonNullable<GapOptions['onGap']>>().parameter(0).toEqualTypeOf<GapEvent>();
    expectTypeOf<GapEvent['outcome']>().toEqualTypeOf<GapOutcome>();
    expectTypeOf<GapOutcome>().toEqualTypeOf<
      'refilled' | 'partial' | 'not-in-log' | 'beyond-retention' | 'unresolved'
    >();
  });

  it('resolves defaults to required fields', () => {
    expectTypeOf<ResolvedGapOptions['toleranceFactor']>().toEqualTypeOf<number>();
    expectTypeOf<ResolvedGapOptions['expectedIntervalMs']>().toEqualTypeOf<number | undefined>();
  });
});
