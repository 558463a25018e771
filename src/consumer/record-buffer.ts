/** A fetched message, decoded, waiting in the buffer. */
export interface BufferedMessage<R> {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  /** What the iterator hands out for this message: one entry per reading, or one invalid record. */
  readonly items: R[];
  /** Bytes of the message value, for the byte budget. */
  readonly bytes: number;
}

/**
 * The bounded buffer between librdkafka's fetcher and the loop body: FIFO across partitions,
 * with record and byte budgets and removal of a partition's messages on revoke or seek.
 */
export class RecordBuffer<R> {
  #queue: BufferedMessage<R>[] = [];
  #head = 0;
  #records = 0;
  #bytes = 0;

  constructor(
    readonly maxRecords: number,
    readonly maxBytes: number,
  ) {}

  push(message: BufferedMessage<R>): void {
    this.#queue.push(message);
    this.#records += message.items.length;
    this.#bytes += message.bytes;
  }

  shift(): BufferedMessage<R> | undefined {
    if (this.#head >= this.#queue.length) return undefined;
    const message = this.#queue[this.#head]!;
    this.#queue[this.#head] = undefined as never;
    this.#head++;
    // Compact now and then so the array does not grow without bound.
    if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
    this.#records -= message.items.length;
    this.#bytes -= message.bytes;
    return message;
  }

  /** Removes every message of the partition; returns how many were removed. */
  dropPartition(topic: string, partition: number): number {
    const kept: BufferedMessage<R>[] = [];
    let dropped = 0;
    for (let i = this.#head; i < this.#queue.length; i++) {
      const message = this.#queue[i]!;
      if (message.topic === topic && message.partition === partition) {
        dropped++;
        this.#records -= message.items.length;
        this.#bytes -= message.bytes;
      } else kept.push(message);
    }
    this.#queue = kept;
    this.#head = 0;
    return dropped;
  }

  get records(): number {
    return this.#records;
  }

  get bytes(): number {
    return this.#bytes;
  }

  get isEmpty(): boolean {
    return this.#head >= this.#queue.length;
  }

  /** True when both budgets are at most half used: time to fetch again after being full. */
  get isBelowHalf(): boolean {
    return this.#records <= this.maxRecords / 2 && this.#bytes <= this.maxBytes / 2;
  }

  /** True when either budget is used up: time to stop fetching. */
  get isFull(): boolean {
    return this.#records >= this.maxRecords || this.#bytes >= this.maxBytes;
  }
}
