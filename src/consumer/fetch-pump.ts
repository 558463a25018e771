import type { GroupConsumer } from '../kafka/group-consumer.js';
import { bytesOf, type KafkaMessage, type Partition } from '../kafka/kafka-message.js';
import type { DeliveryQueue } from './delivery-queue.js';
import type { PartitionEntry, PartitionLedger } from './partition-ledger.js';

/** What the fetch pump needs besides the client, the ledger and the queue. */
export interface FetchPumpContext {
  fetchBatchSize: number;
  /** True once the consumer is closing or failed: the loop ends. */
  isStopped: () => boolean;
  /** Messages were fetched (the brokers answer), with the bytes of their values. */
  onFetched: (count: number, bytes: number) => void;
  /**
   * A partition's next message is further on than the one after the last fetched: the client
   * may have jumped over records that fell out of retention.
   */
  onSkip: (entry: PartitionEntry, expected: number, actual: number) => void;
}

// How long the loop body may stay a full buffer behind before its partitions are paused. Pausing
// makes librdkafka drop its prefetched messages and fetch them again later, so a short wait for
// the body to catch up is cheaper.
const pauseAfterMs = 500;
// While paused, polling goes on at this pace: it serves rebalances and keeps the member in the group.
const pollWhilePausedMs = 250;

/**
 * The fetch loop: moves messages from librdkafka into the delivery queue, tagged with their
 * partition's epoch; stops fetching at the queue's budget and starts again at its low-water mark
 * (pausing the partitions when the body stays behind, and resuming them explicitly); and gives
 * `seekToTime` a gate with no fetch in flight.
 */
export class FetchPump<T> {
  readonly #kafka: GroupConsumer;
  readonly #ledger: PartitionLedger;
  readonly #queue: DeliveryQueue<T>;
  readonly #context: FetchPumpContext;
  #paused = false;
  #pausedSince: number | undefined;
  #draining = false;
  #gate: Promise<void> | undefined;
  #fetching: Promise<unknown> = Promise.resolve();
  #stopped: (() => void) | undefined;
  readonly #stop = new Promise<void>((resolve) => (this.#stopped = resolve));

  constructor(kafka: GroupConsumer, ledger: PartitionLedger, queue: DeliveryQueue<T>, context: FetchPumpContext) {
    this.#kafka = kafka;
    this.#ledger = ledger;
    this.#queue = queue;
    this.#context = context;
  }

  /** Whether the assigned partitions are paused for backpressure. */
  get paused(): boolean {
    return this.#paused;
  }

  /** Since when (epoch ms) they have been paused; `undefined` while fetching. */
  get pausedSince(): number | undefined {
    return this.#pausedSince;
  }

  /**
   * Newly assigned partitions follow the consumer's pause state explicitly: librdkafka keeps a
   * partition's pause flag across revoke and re-assign, so one revoked while paused would
   * otherwise come back paused and never be fetched again.
   */
  onAssigned(partitions: Partition[]): void {
    if (this.#paused) this.#kafka.pause(partitions);
    else this.#kafka.resume(partitions);
  }

  /** Ends the loop at its next turn, even while it waits for a seek. */
  stop(): void {
    this.#stopped?.();
  }

  async run(): Promise<void> {
    const { fetchBatchSize, isStopped } = this.#context;
    while (!isStopped()) {
      if (this.#gate) {
        await Promise.race([this.#gate, this.#stop]);
        continue;
      }
      if (this.#queue.isFull || (this.#draining && !this.#queue.isBelowLowWater)) {
        this.#draining = true;
        await Promise.race([this.#queue.waitForLowWater(this.#paused ? pollWhilePausedMs : pauseAfterMs), this.#stop]);
        if (!this.#queue.isBelowLowWater && !isStopped()) {
          if (!this.#paused) {
            this.#kafka.pause(this.#ledger.partitions());
            this.#paused = true;
            this.#pausedSince = Date.now();
          }
          await this.#fetch(1, 0);
          continue;
        }
      }
      this.#draining = false;
      if (this.#paused) {
        this.#kafka.resume(this.#ledger.partitions());
        this.#paused = false;
        this.#pausedSince = undefined;
      }
      await this.#fetch(fetchBatchSize, 250);
    }
  }

  /**
   * Closes the gate: resolves, with the function that opens it again, once no fetch is in
   * flight. Messages a fetch takes out of librdkafka around a seek could be from either side of it.
   */
  async closeGate(): Promise<() => void> {
    while (this.#gate) await this.#gate;
    let open!: () => void;
    this.#gate = new Promise<void>((resolve) => (open = resolve));
    await this.#fetching;
    return () => {
      this.#gate = undefined;
      open();
    };
  }

  async #fetch(max: number, waitMs: number): Promise<void> {
    // A seek may have closed the gate while this loop waited for the body: no fetch then.
    if (this.#gate) return;
    const fetching = this.#kafka.fetch(max, waitMs);
    this.#fetching = fetching;
    const messages = await fetching;
    if (messages.length === 0) return;
    let bytes = 0;
    for (const message of messages) bytes += this.#accept(message);
    this.#context.onFetched(messages.length, bytes);
    this.#queue.wake();
  }

  /** Queues a message of an assigned partition; returns the bytes of its value. */
  #accept(message: KafkaMessage): number {
    // A message of a partition revoked since the fetch began is never handed out.
    const entry = this.#ledger.get(message.topic, message.partition);
    if (!entry) return 0;
    const expected = entry.nextExpected;
    if (expected !== undefined && message.offset > expected) this.#context.onSkip(entry, expected, message.offset);
    // Backwards: the client started the partition over from elsewhere (assigned again from the
    // commit within one fetch, or reset): what was taken before is from another position, so a
    // new epoch starts here and the earlier messages are dropped as stale, never counted finished.
    if (expected !== undefined && message.offset < expected) this.#ledger.reposition(entry, String(message.offset));
    entry.nextExpected = message.offset + 1;
    this.#queue.pushLive(message, entry.epoch);
    return bytesOf(message);
  }
}
