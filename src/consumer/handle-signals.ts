import type { Logger } from '../internal/logger.js';

/**
 * Calls `close` once on the first of `signals`; a second signal of the same kind is no longer
 * caught, so it ends the process the default way. Returns a function that removes the handlers.
 */
export function closeOnSignals(
  close: () => Promise<void>,
  logger: Logger,
  signals: readonly NodeJS.Signals[],
): () => void {
  const handlers = signals.map((signal) => {
    const handler = (): void => {
      logger.info({ signal }, `Received ${signal}; closing`);
      void close();
    };
    process.once(signal, handler);
    return [signal, handler] as const;
  });
  return () => {
    for (const [signal, handler] of handlers) process.removeListener(signal, handler);
  };
}

/** Calls `close` when `signal` aborts, or at once when it already has; returns a function that stops listening. */
export function closeOnAbort(signal: AbortSignal | undefined, close: () => Promise<void>): () => void {
  if (signal?.aborted) void close();
  if (!signal || signal.aborted) return () => undefined;
  const onAbort = (): void => void close();
  signal.addEventListener('abort', onAbort, { once: true });
  return () => signal.removeEventListener('abort', onAbort);
}
