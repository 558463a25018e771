import { describe, expect, it } from 'vitest';
import type { ErrorClass } from '../../../src/postgres/classify-postgres-error.js';
import { RetryFailure, retryDelayMs, sleep, withRetry, type RetryContext } from '../../../src/postgres/write-retry.js';

const policy = { maxAttempts: 4, initialDelayMs: 100, maxDelayMs: 1000 };

/** A context that records waits instead of waiting, and treats errors named "transient" as such. */
function context(extra: Partial<RetryContext> = {}): RetryContext & { waits: number[] } {
  const waits: number[] = [];
  return {
    policy,
    classify: (error): ErrorClass => ((error as Error).message === 'transient' ? 'transient' : 'permanent'),
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
    random: () => 0.5,
    waits,
    ...extra,
  };
}

/** An operation that fails with the given messages in turn, then resolves with 'done'. */
const failing = (...messages: string[]) => {
  const calls: number[] = [];
  const operation = (attempt: number): Promise<string> => {
    calls.push(attempt);
    const message = messages[attempt - 1];
    return message === undefined ? Promise.resolve('done') : Promise.reject(new Error(message));
  };
  return { operation, calls };
};

describe('retrying a write', () => {
  it('resolves at once when the first try works', async () => {
    const ctx = context();
    expect(await withRetry(failing().operation, ctx)).toEqual({ result: 'done', attempts: 1 });
    expect(ctx.waits).toEqual([]);
  });

  it('retries transient errors with growing waits and reports the tries it took', async () => {
    const ctx = context();
    const { operation, calls } = failing('transient', 'transient');
    expect(await withRetry(operation, ctx)).toEqual({ result: 'done', attempts: 3 });
    expect(calls).toEqual([1, 2, 3]);
    expect(ctx.waits).toEqual([75, 150]);
  });

  it('stops at the first permanent error without waiting', async () => {
    const ctx = context();
    const { operation, calls } = failing('transient', 'permanent');
    const failure = await withRetry(operation, ctx).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(RetryFailure);
    expect(failure).toMatchObject({ errorClass: 'permanent', attempts: 2, error: new Error('permanent') });
    expect(calls).toEqual([1, 2]);
    expect(ctx.waits).toHaveLength(1);
  });

  it('gives up after maxAttempts transient failures, saying the last error was transient', async () => {
    const ctx = context();
    const { operation, calls } = failing('transient', 'transient', 'transient', 'transient', 'transient');
    await expect(withRetry(operation, ctx)).rejects.toMatchObject({ errorClass: 'transient', attempts: 4 });
    expect(calls).toEqual([1, 2, 3, 4]);
  });

  it('tells onRetry about every failure it will retry', async () => {
    const seen: [string, number, number][] = [];
    const ctx = context({
      onRetry: (error, attempt, delayMs) => seen.push([(error as Error).message, attempt, delayMs]),
    });
    await withRetry(failing('transient').operation, ctx);
    expect(seen).toEqual([['transient', 1, 75]]);
  });

  it('rejects with the abort reason, not a retry failure, when aborted during a try', async () => {
    const controller = new AbortController();
    const reason = new Error('shutting down');
    const ctx = context({ signal: controller.signal });
    const operation = (): Promise<string> => {
      controller.abort(reason);
      return Promise.reject(new Error('transient'));
    };
    await expect(withRetry(operation, ctx)).rejects.toBe(reason);
    expect(ctx.waits).toEqual([]);
  });

  it('rejects with the abort reason during a real wait between tries', async () => {
    const controller = new AbortController();
    const reason = new Error('stop');
    const ctx = context({ sleep, signal: controller.signal, policy: { ...policy, initialDelayMs: 60_000 } });
    const pending = withRetry(failing('transient').operation, ctx);
    setTimeout(() => controller.abort(reason), 10);
    await expect(pending).rejects.toBe(reason);
  });
});

describe('retry delays', () => {
  it.each([
    [1, 0, 50],
    [1, 0.999, 100],
    [2, 0.5, 150],
    [3, 0.5, 300],
    [5, 1, 1000],
    [50, 0, 500],
  ])('after try %i with random %d waits %i ms', (attempt, random, expected) => {
    expect(retryDelayMs(policy, attempt, () => random)).toBe(expected);
  });
});
