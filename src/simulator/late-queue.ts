/**
 * A min-heap of items ordered by a due time, ties broken by insertion order: holds the late
 * messages until the simulated clock reaches their publish time.
 */
export class LateQueue<T> {
  readonly #heap: Array<{ due: number; order: number; item: T }> = [];
  #order = 0;

  get size(): number {
    return this.#heap.length;
  }

  /** Adds an item due at `due`. */
  push(due: number, item: T): void {
    const heap = this.#heap;
    heap.push({ due, order: this.#order++, item });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#less(i, parent)) break;
      this.#swap(i, parent);
      i = parent;
    }
  }

  /** The earliest due time, or `Infinity` when empty. */
  peekDue(): number {
    return this.#heap[0]?.due ?? Number.POSITIVE_INFINITY;
  }

  /** Removes and returns the earliest item. */
  pop(): T | undefined {
    const heap = this.#heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined) return undefined;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && this.#less(left, smallest)) smallest = left;
        if (right < heap.length && this.#less(right, smallest)) smallest = right;
        if (smallest === i) break;
        this.#swap(i, smallest);
        i = smallest;
      }
    }
    return top.item;
  }

  #less(a: number, b: number): boolean {
    const x = this.#heap[a]!;
    const y = this.#heap[b]!;
    return x.due < y.due || (x.due === y.due && x.order < y.order);
  }

  #swap(a: number, b: number): void {
    const heap = this.#heap;
    [heap[a], heap[b]] = [heap[b]!, heap[a]!];
  }
}
