import type { ErrorClass } from './classify-postgres-error.js';

/** How a sink retries a write that failed for a transient reason. */
export interface RetryPolicy {
  /** Tries in all, the first one included. */
  readonly maxAttempts: number;
  /** Wait before the second try, in ms; it doubles at every further try. */
  readonly initialDelayMs: number;
  /** Longest wait between two tries, in ms. */
  readonly maxDelayMs: number;
}

/** What {@link withRetry} needs besides the operation: all of it injected, so tests run instantly. */
export interface RetryContext {
  readonly policy: RetryPolicy;
  readonly classify: (error: unknown) => ErrorClass;
  /** Waits `ms`, or rejects with `signal.reason` when the signal is aborted first. */
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** A number in [0, 1), for jitter. @default Math.random */
  readonly random?: () => number;
  readonly signal?: AbortSignal | undefined;
  /** Told about every failed try that will be tried again. */
  readonly onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

/** How a retried operation ended when it did not succeed. */
export class RetryFailure extends Error {
  constructor(
    /** The last error. */
    readonly error: unknown,
    /** Why it stopped: a permanent error, or a transient one on the last allowed try. */
    readonly errorClass: ErrorClass,
    /** Tries made. */
    readonly attempts: number,
  ) {
    super('retry failed', { cause: error });
  }
}

/**
 * The wait before try `attempt + 1`: exponential from `initialDelayMs`, capped at `maxDelayMs`, the
 * upper half jittered so that sinks that lost one database together do not come back in step.
 */
export function retryDelayMs(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Runs `operation` until it succeeds, fails with a permanent error, or has been tried
 * `policy.maxAttempts` times; resolves with its result and the tries it took. An abort stops at
 * once with `signal.reason`, even during a wait.
 */
export async function withRetry<T>(
  operation: (attempt: number) => Promise<T>,
  context: RetryContext,
): Promise<{ result: T; attempts: number }> {
  const { policy, signal } = context;
  for (let attempt = 1; ; attempt++) {
    signal?.throwIfAborted();
    try {
      return { result: await operation(attempt), attempts: attempt };
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      const errorClass = context.classify(error);
      if (errorClass === 'permanent' || attempt >= policy.maxAttempts) {
        throw new RetryFailure(error, errorClass, attempt);
      }
      const delayMs = retryDelayMs(policy, attempt, context.random);
      context.onRetry?.(error, attempt, delayMs);
      await context.sleep(delayMs, signal);
    }
  }
}

/** A `sleep` for {@link RetryContext} on real timers. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
