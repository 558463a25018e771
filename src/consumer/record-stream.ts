import type { GapRecovery } from '../gaps/gap-recovery.js';
import type { BufferedMessage } from '../records/buffered-message.js';
import type { InvalidTelemetryRecord, TelemetryRecord } from '../records/telemetry-record.js';
import type { MessageDecoder } from '../records/message-decoder.js';
import { toItems, type Item } from '../records/to-items.js';
import type { DeliveryQueue } from './delivery-queue.js';
import type { InvalidHandler } from './invalid-handler.js';
import type { PartitionEntry, PartitionLedger } from './partition-ledger.js';
import type { BackfillProgress } from './backfill-progress.js';

/** A message being handed out, item by item. */
interface InHand<T> {
  message: BufferedMessage<Item<T>>;
  /** Its partition's ledger entry: the message is stale once the entry's epoch moved on. */
  entry: PartitionEntry;
  epoch: number;
  index: number;
  /** An item of it was handed out since the last `release()`. */
  held: boolean;
  /** Set for a backfilled message: its offset is finished there, not in the live offsets. */
  backfill?: BackfillProgress | undefined;
}

/** What the stream needs besides the queue and the ledger. */
export interface RecordStreamContext<T> {
  decode: MessageDecoder<T>;
  gapTopic: string;
  gaps: () => GapRecovery<T> | undefined;
  invalid: InvalidHandler;
  /** Throws the error that failed the consumer, if any. */
  checkFailed: () => void;
  isClosing: () => boolean;
}

/**
 * The one path from the delivery queue to the loop body. It hands out live and refilled records
 * in queue order; never a record of a partition that was revoked or seeked since it was fetched
 * (the message's epoch is stale); waits for a partition's gap state before its first record;
 * drops duplicate readings; and finishes a message's offset only once every record of it was
 * handed out and the bodies that received them finished (`release()`).
 */
/** `next()` found nothing before its deadline. */
export const TIMED_OUT = Symbol('timed out');

export class RecordStream<T> {
  #current: InHand<T> | undefined;
  /** Partition epoch of the record `next()` returned last (`undefined` for a refilled one). */
  lastEpoch: number | undefined;
  /** Message bytes attributed to the record `next()` returned last (0 for a refilled one). */
  lastBytes = 0;
  /** Messages whose last record is with a body that has not finished yet. */
  #awaiting: InHand<T>[] = [];
  /** Records handed out since the last `release()`: a batch still filling, or a body running. */
  #unreleased = 0;

  constructor(
    private readonly queue: DeliveryQueue<T>,
    private readonly ledger: PartitionLedger,
    private readonly context: RecordStreamContext<T>,
  ) {}

  /**
   * The next record for the loop body, or `undefined` when the consumer is closing. With a
   * `deadline` (epoch ms) it gives up with `TIMED_OUT` once nothing is queued by then; it only
   * gives up between messages, so no record is ever half taken.
   */
  async next(deadline?: number): Promise<TelemetryRecord<T> | InvalidTelemetryRecord | undefined | typeof TIMED_OUT> {
    for (;;) {
      this.context.checkFailed();
      if (this.context.isClosing()) return undefined;
      const current = this.#current;
      if (current) {
        // Synchronous but for an invalid record's policy (a dead-letter write): no promise per record.
        const taken = this.#fromCurrent(current);
        const record = taken instanceof Promise ? await taken : taken;
        if (record) return record;
        continue;
      }
      const entry = this.queue.shift();
      if (!entry) {
        if (deadline === undefined) await this.queue.wait();
        else if (!(await this.#waitUntil(deadline))) return TIMED_OUT;
        continue;
      }
      if (entry.kind === 'refill') {
        const { record } = entry;
        if (this.context.gaps()?.claimRefilled(record.partition, entry.serialNumber, entry.timeMs, record.raw))
          continue;
        this.#unreleased++;
        this.lastEpoch = undefined;
        this.lastBytes = 0;
        return entry.record;
      }
      if (entry.kind === 'backfill') {
        // Counted in the backfill's progress when queued; no gap-state wait (it is not rebuilt then).
        const owner = this.ledger.get(entry.message.topic, entry.message.partition);
        if (owner?.epoch !== entry.epoch) continue; // revoked or seeked since it was read
        const { message, epoch } = entry;
        this.#current = { message, entry: owner, epoch, index: 0, held: false, backfill: owner.backfill };
        continue;
      }
      const { message, epoch } = entry;
      const partition = this.ledger.get(message.topic, message.partition);
      if (partition?.epoch !== epoch) continue; // revoked or seeked since it was fetched
      if (partition.ready) {
        await partition.ready;
        if (!this.ledger.isCurrent(message.topic, message.partition, epoch)) continue;
      }
      partition.offsets.start(message.offset);
      partition.nextToDeliver = message.offset + 1;
      // Decoded only now, when its records are about to be handed out (see LiveEntry).
      const decoded = toItems(message, this.context.decode);
      this.#current = { message: decoded, entry: partition, epoch, index: 0, held: false };
    }
  }

  /** The next record of the message in hand; `undefined` when none was handed out this turn. */
  #fromCurrent(
    current: InHand<T>,
  ):
    | TelemetryRecord<T>
    | InvalidTelemetryRecord
    | undefined
    | Promise<TelemetryRecord<T> | InvalidTelemetryRecord | undefined> {
    const { message, epoch } = current;
    // A revoke or a seek moves the entry's epoch on (a revoked entry leaves the ledger with a new one).
    if (current.entry.epoch !== epoch) {
      this.#current = undefined;
      return undefined;
    }
    if (current.index >= message.items.length) {
      // Every record was handed out or dropped: the message is done once its bodies are.
      this.#current = undefined;
      if (current.held) this.#awaiting.push(current);
      else this.#finish(current);
      return undefined;
    }
    const item = message.items[current.index++]!;
    let record: TelemetryRecord<T> | InvalidTelemetryRecord | undefined;
    if (item.kind === 'invalid') {
      return this.context.invalid.handle(item.record).then((handled) => {
        if (handled) this.#handedOut(current, epoch);
        return handled;
      });
    } else if (item.timeMs === undefined || message.topic !== this.context.gapTopic) {
      record = item.record;
    } else if (current.backfill) {
      // Older than the live stream: de-duplicated like a refill, kept out of gap detection.
      const gaps = this.context.gaps();
      if (!gaps?.claimRefilled(message.partition, item.serialNumber, item.timeMs, item.record.raw))
        record = item.record;
      else if (this.#unreleased > 0) current.held = true;
    } else if (!this.context.gaps()?.observeLive(message.partition, item.serialNumber, item.timeMs, item.record)) {
      record = item.record;
    } else if (this.#unreleased > 0) {
      // A duplicate whose other copy may be among the records not yet released (a refill copy
      // earlier in the same batch): the message is finished only with them.
      current.held = true;
    }
    if (record) this.#handedOut(current, epoch);
    return record;
  }

  #handedOut(current: InHand<T>, epoch: number): void {
    this.#unreleased++;
    current.held = true;
    this.lastEpoch = epoch;
    this.lastBytes = current.message.bytes / current.message.items.length;
  }

  /** Waits for the queue until the deadline; false when the deadline passed first. */
  async #waitUntil(deadline: number): Promise<boolean> {
    const left = deadline - Date.now();
    if (left <= 0) return false;
    let timer: NodeJS.Timeout | undefined;
    const woken = await Promise.race([
      this.queue.wait().then(() => true),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), left))),
    ]);
    clearTimeout(timer);
    return woken;
  }

  /** Whether a record handed out under `epoch` still belongs to its partition's current epoch. */
  isCurrent(record: { topic: string; partition: number }, epoch: number | undefined): boolean {
    return epoch === undefined || this.ledger.isCurrent(record.topic, record.partition, epoch);
  }

  /**
   * The body (or batch body) that received the records handed out since the last call finished:
   * their messages are finished, in order, under the epoch they were started in.
   */
  release(): void {
    this.#unreleased = 0;
    for (const done of this.#awaiting) this.#finish(done);
    this.#awaiting = [];
    const current = this.#current;
    if (!current) return;
    current.held = false;
    if (current.index >= current.message.items.length) {
      this.#current = undefined;
      this.#finish(current);
    }
  }

  #finish(done: InHand<T>): void {
    const { topic, partition, offset } = done.message;
    const entry = this.ledger.get(topic, partition);
    if (entry?.epoch === done.epoch) (done.backfill ?? entry.offsets).finish(Number(offset));
  }
}
