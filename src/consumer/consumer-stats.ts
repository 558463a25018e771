import type { GapStats } from '../gaps/gap-recovery.js';

/** Liveness of a consumer. */
export type HealthState = 'starting' | 'running' | 'stalled' | 'closed' | 'failed';

/** What `health()` returns. */
export interface ConsumerHealth {
  /**
   * `starting` until iteration begins, then `running`; `stalled` while lag is positive and nothing
   * was delivered for `stallTimeoutMs`; `closed` after `close()`; `failed` after an error ended iteration.
   */
  state: HealthState;
  /** The error that failed the consumer, or the last error reported while running. */
  lastError: Error | undefined;
  /** When a record was last handed to the loop body. */
  lastDeliveryAt: Date | undefined;
}

/** Per-partition figures in `stats()`. */
export interface PartitionStats {
  /** The topic of the partition. */
  topic: string;
  /** The partition number. */
  partition: number;
  /** Messages between the next one to read and the end of the partition, as last seen by the fetcher. */
  lag: number | undefined;
  /** Last committed next-offset, when this consumer committed one. */
  committed: string | undefined;
}

/** Counters and lag: what `stats()` returns. */
export interface ConsumerStats extends GapStats {
  /** Records handed to the loop body. */
  consumed: number;
  /** Kafka messages read (a message may hold several readings). */
  messages: number;
  /** Messages that could not be decoded, whatever `onInvalid` did with them. */
  invalid: number;
  /** Invalid messages skipped. */
  skipped: number;
  /** Invalid messages written to the dead-letter topic. */
  deadLettered: number;
  /** Records currently buffered between the fetcher and the loop body. */
  buffered: number;
  /** Bytes currently buffered. */
  bufferedBytes: number;
  /** Times a committed offset was found to be out of retention. */
  dataLoss: number;
  /** Figures of each partition assigned to this consumer. */
  partitions: PartitionStats[];
  /** When offsets were last committed. */
  lastCommitAt: Date | undefined;
}
