import { bytesOf, type KafkaMessage } from '../kafka/kafka-message.js';
import type { BufferedMessage } from '../records/buffered-message.js';
import type { TelemetryRecord } from '../records/telemetry-record.js';
import type { Item } from '../records/to-items.js';

/**
 * A fetched message, tagged with its partition's epoch when it was fetched. It waits undecoded:
 * decoded readings are several times the size of the bytes they come from, and decoding a message
 * only when the loop takes it lets them die young instead of aging in a full buffer (most of the
 * garbage collector's work when the body is slower than the fetch).
 */
export interface LiveEntry {
  kind: 'live';
  message: KafkaMessage;
  epoch: number;
}

/** A record a refill scan found. */
export interface RefillEntry<T> {
  kind: 'refill';
  record: TelemetryRecord<T>;
  serialNumber: string;
  timeMs: number;
}

/** A message a live-first backfill read (decoded by the side reader), tagged with its partition's epoch then. */
export interface BackfillEntry<T> {
  kind: 'backfill';
  message: BufferedMessage<Item<T>>;
  epoch: number;
}

export type QueuedEntry<T> = LiveEntry | RefillEntry<T> | BackfillEntry<T>;

/**
 * The one queue between the fetcher (and the refill scans) and the loop body: FIFO, bounded in
 * records and bytes for live messages and in records for refills, with removal of a partition's
 * messages on revoke or seek.
 */
export class DeliveryQueue<T> {
  #queue: (QueuedEntry<T> | undefined)[] = [];
  #head = 0;
  #records = 0;
  #bytes = 0;
  #refills = 0;
  #backfills = 0;
  #backfillWaiters: (() => void)[] = [];
  #wake: (() => void) | undefined;
  #roomWaiters: (() => void)[] = [];
  #drained: (() => void) | undefined;
  #closed = false;

  constructor(
    readonly maxRecords: number,
    readonly maxBytes: number,
  ) {}

  pushLive(message: KafkaMessage, epoch: number): void {
    this.#queue.push({ kind: 'live', message, epoch });
    // Counted as one record until decoded: a message carries one reading but for the rare array.
    this.#records++;
    this.#bytes += bytesOf(message);
  }

  /** Queues a refilled record, first waiting while the loop is a full buffer behind on refills. */
  async pushRefill(record: TelemetryRecord<T>, serialNumber: string, timeMs: number): Promise<void> {
    while (this.#refills >= this.maxRecords && !this.#closed) {
      await new Promise<void>((resolve) => this.#roomWaiters.push(resolve));
    }
    this.#queue.push({ kind: 'refill', record, serialNumber, timeMs });
    this.#refills++;
    this.wake();
  }

  /**
   * Resolves once a backfill may queue another message: backfills use at most half the record
   * budget, so live messages keep reaching the body in between.
   */
  async roomForBackfill(): Promise<void> {
    while (this.#backfills >= this.maxRecords / 2 && !this.#closed) {
      await new Promise<void>((resolve) => this.#backfillWaiters.push(resolve));
    }
  }

  /** Queues a backfilled message; call after `roomForBackfill()`. */
  pushBackfill(message: BufferedMessage<Item<T>>, epoch: number): void {
    this.#queue.push({ kind: 'backfill', message, epoch });
    this.#backfills++;
    this.wake();
  }

  #backfillLeft(count: number): void {
    this.#backfills -= count;
    if (this.#backfills <= this.maxRecords / 4) for (const resolve of this.#backfillWaiters.splice(0)) resolve();
  }

  shift(): QueuedEntry<T> | undefined {
    if (this.#head >= this.#queue.length) return undefined;
    const entry = this.#queue[this.#head]!;
    this.#queue[this.#head] = undefined;
    this.#head++;
    // Compact now and then so the array does not grow without bound.
    if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
    if (entry.kind === 'live') {
      this.#records--;
      this.#bytes -= bytesOf(entry.message);
      if (this.#drained && this.isBelowLowWater) this.#notifyDrained();
    } else if (entry.kind === 'backfill') {
      this.#backfillLeft(1);
    } else {
      this.#refills--;
      if (this.#refills <= this.maxRecords / 2) for (const resolve of this.#roomWaiters.splice(0)) resolve();
    }
    return entry;
  }

  /** Removes every live and backfilled message of the partition; returns how many live ones were removed. */
  dropPartition(topic: string, partition: number): number {
    const kept: QueuedEntry<T>[] = [];
    let dropped = 0;
    let backfills = 0;
    for (let i = this.#head; i < this.#queue.length; i++) {
      const entry = this.#queue[i]!;
      const ofPartition =
        entry.kind !== 'refill' && entry.message.topic === topic && entry.message.partition === partition;
      if (ofPartition && entry.kind === 'live') {
        dropped++;
        this.#records--;
        this.#bytes -= bytesOf(entry.message);
      } else if (ofPartition) backfills++;
      else kept.push(entry);
    }
    this.#queue = kept;
    this.#head = 0;
    if (backfills > 0) this.#backfillLeft(backfills);
    if (this.#drained && this.isBelowLowWater) this.#notifyDrained();
    return dropped;
  }

  /** Resolves once the live budget is down to its low-water mark, or after `timeoutMs`. */
  waitForLowWater(timeoutMs: number): Promise<void> {
    if (this.isBelowLowWater || this.#closed) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.#notifyDrained(), timeoutMs);
      this.#drained = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  #notifyDrained(): void {
    const drained = this.#drained;
    this.#drained = undefined;
    drained?.();
  }

  /** Resolves when something is pushed or `wake()` is called. */
  wait(): Promise<void> {
    return new Promise((resolve) => (this.#wake = resolve));
  }

  wake(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  /** Ends every wait: the consumer is closing. */
  close(): void {
    this.#closed = true;
    this.#notifyDrained();
    for (const resolve of this.#roomWaiters.splice(0)) resolve();
    for (const resolve of this.#backfillWaiters.splice(0)) resolve();
    this.wake();
  }

  /** Live records waiting. */
  get records(): number {
    return this.#records;
  }

  /** Bytes of live messages waiting. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Refilled records waiting. */
  get refills(): number {
    return this.#refills;
  }

  /** Backfilled messages waiting. */
  get backfills(): number {
    return this.#backfills;
  }

  /** Either budget is used up: time to stop fetching. */
  get isFull(): boolean {
    return this.#records >= this.maxRecords || this.#bytes >= this.maxBytes;
  }

  /** Both budgets are at most half used: the low-water mark at which fetching starts again. */
  get isBelowLowWater(): boolean {
    return this.#records <= this.maxRecords / 2 && this.#bytes <= this.maxBytes / 2;
  }
}
