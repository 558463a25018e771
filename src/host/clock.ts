/**
 * The source of time for pure logic. Injected so that the gap detector, refill planner and
 * watermark tracker can be tested with a fake clock and no waiting.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => Date.now() };
