/** A partition's next offset to commit: the first offset not yet finished. */
export interface CommitPosition {
  topic: string;
  partition: number;
  /** Decimal string: Kafka offsets are 64-bit. */
  offset: string;
}

interface InFlight {
  offset: bigint;
  finished: boolean;
}

interface PartitionMark {
  topic: string;
  partition: number;
  /** Offsets handed out and not yet below the watermark, in the order they were handed out. */
  inFlight: InFlight[];
  /** One past the highest offset below which everything is finished. */
  watermark: bigint | undefined;
  /** What `takeCommittable` last reported. */
  reported: bigint | undefined;
}

const key = (topic: string, partition: number): string => `${topic}\u0000${partition}`;

/**
 * Tracks, per partition, which message offsets have been handed to the application and which it
 * has finished, and computes the contiguous watermark that may be committed: offset N+k is never
 * committable while N is unfinished. Pure: no Kafka, no clock.
 */
export class CommitWatermarks {
  readonly #marks = new Map<string, PartitionMark>();

  /** Records that the message at `offset` was handed to the application (in partition order). */
  start(topic: string, partition: number, offset: string): void {
    const k = key(topic, partition);
    let mark = this.#marks.get(k);
    if (!mark) {
      mark = { topic, partition, inFlight: [], watermark: undefined, reported: undefined };
      this.#marks.set(k, mark);
    }
    mark.inFlight.push({ offset: BigInt(offset), finished: false });
  }

  /**
   * Records that the application finished the message at `offset` (every record it held). The
   * watermark moves past it only once every earlier started offset is finished too.
   */
  finish(topic: string, partition: number, offset: string): void {
    const mark = this.#marks.get(key(topic, partition));
    if (!mark) return;
    const done = BigInt(offset);
    const entry = mark.inFlight.find((e) => e.offset === done);
    if (!entry) return;
    entry.finished = true;
    while (mark.inFlight[0]?.finished) mark.watermark = mark.inFlight.shift()!.offset + 1n;
  }

  /** Positions that advanced since the last call, to commit; each advance is reported once. */
  takeCommittable(): CommitPosition[] {
    const result: CommitPosition[] = [];
    for (const mark of this.#marks.values()) {
      const { watermark, reported } = mark;
      if (watermark === undefined || (reported !== undefined && watermark <= reported)) continue;
      mark.reported = watermark;
      result.push({ topic: mark.topic, partition: mark.partition, offset: watermark.toString() });
    }
    return result;
  }

  /** Forgets a partition: after it was revoked, or repositioned by a seek. */
  forget(topic: string, partition: number): void {
    this.#marks.delete(key(topic, partition));
  }

  /** Number of messages handed out and not finished, across partitions. */
  get inFlight(): number {
    let count = 0;
    for (const mark of this.#marks.values()) count += mark.inFlight.filter((e) => !e.finished).length;
    return count;
  }
}
