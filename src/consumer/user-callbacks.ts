import type { Logger } from '../internal/logger.js';

/**
 * Runs the application's callbacks so that none can break the consumer: a throw or a rejected
 * promise is logged and counted, never passed on to librdkafka's rebalance or to the event loop.
 */
export class UserCallbacks {
  #failures = 0;

  constructor(private readonly log: Logger) {}

  /** Callbacks that threw or rejected so far. */
  get failures(): number {
    return this.#failures;
  }

  call<A>(name: string, callback: ((argument: A) => unknown) | undefined, argument: A): void {
    if (!callback) return;
    try {
      const result = callback(argument);
      if (result instanceof Promise) result.catch((error: unknown) => this.#failed(name, error));
    } catch (error) {
      this.#failed(name, error);
    }
  }

  #failed(name: string, error: unknown): void {
    this.#failures++;
    const message = error instanceof Error ? error.message : String(error);
    this.log.error({ callback: name }, `${name} threw; the consumer carries on: ${message}`);
  }
}
