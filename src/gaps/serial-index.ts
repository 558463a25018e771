/**
 * Per-slot storage kept by a component that shares a {@link SerialIndex} (the gap detector, the
 * dedupe window). The index tells it when to grow and when a slot changes hands.
 */
export interface SlotStore {
  /** Grows the store's arrays to hold `capacity` slots, keeping slots below the old capacity. */
  resize(capacity: number): void;
  /** Forgets everything about `slot`: it was released and may be handed to another inverter. */
  clear(slot: number): void;
}

/** Options of {@link SerialIndex}. */
export interface SerialIndexOptions {
  /**
   * Most inverters tracked at once. Past it, new serial numbers are not tracked (counted in
   * {@link SerialIndex.untracked}): a safety bound against a producer sending garbage serials.
   * @default 1_000_000
   */
  maxSerials?: number;
  /** Slots allocated up front; grown by half each time they run out. @default 1024 */
  initialCapacity?: number;
}

/** Highest partition number a slot can remember: the top bit of the 16-bit field is a flag. */
export const maxTrackedPartition = 0x7fff;
// Set when an inverter was seen on more than one partition (a topic not keyed by serial number).
const multiPartition = 0x8000;

/**
 * Maps serial numbers to small integer slots so that per-inverter state can live in typed arrays
 * (struct of arrays) instead of one object per inverter: an object costs more than the whole
 * per-inverter budget. The gap detector and the dedupe window share one index so
 * the serial number and its map entry are paid for once.
 *
 * Each slot remembers the partition its inverter's readings arrive on, so that everything about
 * a partition can be dropped when it is revoked.
 */
export class SerialIndex {
  readonly #maxSerials: number;
  readonly #slots = new Map<string, number>();
  readonly #stores: SlotStore[] = [];
  readonly #free: number[] = [];
  #serials: (string | undefined)[] = [];
  #partitions: Uint16Array;
  #capacity: number;
  #used = 0;
  #untracked = 0;
  #spread = 0;

  constructor(options: SerialIndexOptions = {}) {
    this.#maxSerials = options.maxSerials ?? 1_000_000;
    this.#capacity = Math.max(1, Math.min(options.initialCapacity ?? 1024, this.#maxSerials));
    this.#partitions = new Uint16Array(this.#capacity);
  }

  /** Registers a store; it is sized to the current capacity at once. */
  attach(store: SlotStore): void {
    this.#stores.push(store);
    store.resize(this.#capacity);
  }

  /** The slot of `serialNumber`, or `-1` when it is not tracked. Never allocates. */
  slotOf(serialNumber: string): number {
    return this.#slots.get(serialNumber) ?? -1;
  }

  /**
   * The slot of `serialNumber`, allocated (and cleared in every store) on first sight, with
   * `partition` remembered. Returns `-1` when {@link SerialIndexOptions.maxSerials} is reached.
   * @throws RangeError when `partition` is above {@link maxTrackedPartition}.
   */
  acquire(serialNumber: string, partition: number): number {
    if (partition < 0 || partition > maxTrackedPartition) {
      throw new RangeError(`Partition ${partition} is outside 0..${maxTrackedPartition}`);
    }
    let slot = this.#slots.get(serialNumber);
    if (slot !== undefined) {
      const known = this.#partitions[slot]!;
      if ((known & maxTrackedPartition) !== partition) {
        if ((known & multiPartition) === 0) this.#spread++;
        this.#partitions[slot] = partition | multiPartition;
      }
      return slot;
    }
    if (this.#slots.size >= this.#maxSerials) {
      this.#untracked++;
      return -1;
    }
    slot = this.#free.pop() ?? this.#used++;
    if (slot >= this.#capacity) this.#grow();
    this.#slots.set(serialNumber, slot);
    this.#serials[slot] = serialNumber;
    this.#partitions[slot] = partition;
    for (const store of this.#stores) store.clear(slot);
    return slot;
  }

  /** The serial number held by `slot`. */
  serialAt(slot: number): string | undefined {
    return this.#serials[slot];
  }

  /** The partition of the last reading seen in `slot`. */
  partitionOf(slot: number): number {
    return this.#partitions[slot]! & maxTrackedPartition;
  }

  /** Slots whose last reading came from `partition`, with their serial numbers. */
  *slotsOf(partition: number): Generator<[slot: number, serialNumber: string]> {
    for (const [serialNumber, slot] of this.#slots) {
      if (this.partitionOf(slot) === partition) yield [slot, serialNumber];
    }
  }

  /**
   * Releases every inverter seen on `partition`, in every store. An inverter seen on several
   * partitions is released too: once one of its partitions is gone its history in this process is
   * incomplete, and forgetting it can only miss one interval, where keeping it would raise false
   * gaps. Returns how many were released.
   */
  dropPartition(partition: number): number {
    let released = 0;
    for (const [serialNumber, slot] of this.#slots) {
      const value = this.#partitions[slot]!;
      if ((value & multiPartition) === 0 && value !== partition) continue;
      this.#slots.delete(serialNumber);
      this.#serials[slot] = undefined;
      for (const store of this.#stores) store.clear(slot);
      this.#free.push(slot);
      released++;
    }
    return released;
  }

  /** Inverters tracked now. */
  get size(): number {
    return this.#slots.size;
  }

  /** Slots allocated (grows by half when full). */
  get capacity(): number {
    return this.#capacity;
  }

  /**
   * Inverters seen on more than one partition since construction: above zero, the topic is not
   * keyed by serial number.
   */
  get spread(): number {
    return this.#spread;
  }

  /** Readings of inverters that could not be tracked because the index was full. */
  get untracked(): number {
    return this.#untracked;
  }

  #grow(): void {
    // By half, not double: right after a growth step the unused slots cost a third, not a half.
    this.#capacity = Math.min(Math.ceil(this.#capacity * 1.5), Math.max(this.#maxSerials, this.#capacity + 1));
    const partitions = new Uint16Array(this.#capacity);
    partitions.set(this.#partitions);
    this.#partitions = partitions;
    for (const store of this.#stores) store.resize(this.#capacity);
  }
}
