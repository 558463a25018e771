/**
 * One partition's finished offsets: which messages were handed to the application, which it
 * finished, and the contiguous watermark that may be committed (offset N+k is never committable
 * while N is unfinished). Pure. Offsets are numbers here because the native client hands them out
 * as numbers; they stay exact below 2^53.
 */
export class OffsetTracker {
  /** Offsets handed out and not yet below the watermark, in the order they were handed out. */
  #inFlight: number[] = [];
  #finished: boolean[] = [];
  #head = 0;
  /** One past the highest offset below which everything handed out is finished. */
  #watermark: number | undefined;

  /** The message at `offset` was handed to the application (in partition order). */
  start(offset: number): void {
    this.#inFlight.push(offset);
    this.#finished.push(false);
  }

  /** The application finished the message at `offset`; the watermark moves once all before it are. */
  finish(offset: number): void {
    const inFlight = this.#inFlight;
    let i = this.#head;
    // Messages finish in the order they were handed out, so the first one is nearly always it.
    while (i < inFlight.length && inFlight[i] !== offset) i++;
    if (i >= inFlight.length) return;
    this.#finished[i] = true;
    while (this.#head < inFlight.length && this.#finished[this.#head]) {
      this.#watermark = inFlight[this.#head]! + 1;
      this.#head++;
    }
    if (this.#head === inFlight.length) {
      this.#inFlight = [];
      this.#finished = [];
      this.#head = 0;
    }
  }

  /** The next offset to commit, or `undefined` when nothing was finished. */
  get watermark(): number | undefined {
    return this.#watermark;
  }
}
