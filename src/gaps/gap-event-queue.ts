import type { GapEvent } from './gap-outcome.js';

// Events nobody reads are dropped oldest first beyond this, so an unread `gaps()` costs bounded memory.
const maxQueued = 10_000;

/** Gap events waiting for a `gaps()` reader. */
export class GapEventQueue {
  readonly #queue: GapEvent[] = [];
  #wake: (() => void) | undefined;
  #ended = false;

  push(event: GapEvent): void {
    this.#queue.push(event);
    if (this.#queue.length > maxQueued) this.#queue.shift();
    this.#wake?.();
  }

  end(): void {
    this.#ended = true;
    this.#wake?.();
  }

  async *iterate(): AsyncIterableIterator<GapEvent> {
    for (;;) {
      const event = this.#queue.shift();
      if (event) {
        yield event;
        continue;
      }
      if (this.#ended) return;
      await new Promise<void>((resolve) => (this.#wake = resolve));
      this.#wake = undefined;
    }
  }
}
