/** Whether a loop body holds records now, so that a close from outside can wait for it to finish. */
export class BodyTracker {
  #running = false;
  #waiters: (() => void)[] = [];

  /** `onEnd` runs whenever a body finishes. */
  constructor(private readonly onEnd: () => void = () => undefined) {}

  begin(): void {
    this.#running = true;
  }

  end(): void {
    this.#running = false;
    this.onEnd();
    for (const resolve of this.#waiters.splice(0)) resolve();
  }

  /** Settles when the body in hand finishes; `undefined` when none is running. */
  finished(): Promise<void> | undefined {
    return this.#running ? new Promise<void>((resolve) => this.#waiters.push(resolve)) : undefined;
  }
}
