import { emptyGapStats, type GapStats } from '../gaps/gap-recovery.js';
import type { ClientStatistics } from '../kafka/client-statistics.js';
import type { GroupConsumer } from '../kafka/group-consumer.js';
import type { PartitionLedger } from './partition-ledger.js';

/** Liveness of a consumer. */
export type HealthState = 'starting' | 'running' | 'stalled' | 'closed' | 'failed';

/** What `health()` returns. */
export interface ConsumerHealth {
  /** `running` normally; `stalled`, `failed` or `closed` when something needs attention. */
  state: HealthState;
  /** The error that failed the consumer, or the last error reported while running. */
  lastError: Error | undefined;
  /** When a record was last handed to the loop body. */
  lastDeliveryAt: Date | undefined;
}

/** Per-partition figures in `stats()`. */
export interface PartitionStats {
  /** The partition's topic. */
  topic: string;
  /** The partition number. */
  partition: number;
  /** Messages between the next one to read and the end of the partition, as last seen by the fetcher. */
  lag: number | undefined;
  /** Last committed next-offset, when this consumer committed one. */
  committed: string | undefined;
  /**
   * Live-first catch-up's backfill of this partition: offsets skipped in all and those not yet
   * finished by the loop body; `undefined` when the partition has none.
   */
  backfill:
    | {
        /** Offsets skipped by the jump to the end, to be backfilled. */
        total: number;
        /** Of those, the ones the loop body has not finished yet. */
        pending: number;
      }
    | undefined;
}

/** Counters and lag: what `stats()` returns. */
export interface ConsumerStats extends GapStats {
  /** Records handed to the loop body. */
  consumed: number;
  /** Kafka messages read (a message may hold several readings). */
  messages: number;
  /** Bytes of the message values read. */
  bytes: number;
  /** Messages that could not be decoded, whatever `onInvalid` did with them. */
  invalid: number;
  /** Invalid messages by error code (`GWK_DECODE_JSON`, ...). */
  invalidByCode: Record<string, number>;
  /** Invalid messages skipped. */
  skipped: number;
  /** Invalid messages written to the dead-letter topic. */
  deadLettered: number;
  /** Records currently buffered between the fetcher and the loop body (a message not yet decoded counts as one). */
  buffered: number;
  /** Bytes currently buffered. */
  bufferedBytes: number;
  /** Ranges of records found deleted by retention before they were read (at assignment or while running). */
  dataLoss: number;
  /** Commit requests the broker confirmed. */
  commits: number;
  /** Commit requests the broker refused or that failed; each is tried again. */
  commitFailures: number;
  /** Milliseconds spent in confirmed commit requests, in total (divide by `commits` for the mean). */
  commitMs: number;
  /** Times partitions were assigned to this member. */
  assignments: number;
  /** Times partitions were taken from this member. */
  revocations: number;
  /** Whether fetching is paused because the loop body is a full buffer behind. */
  paused: boolean;
  /** Calls of `onAssign`, `onRevoke` or `onDataLoss` that threw or rejected (logged; the consumer carried on). */
  callbackErrors: number;
  /** Lag and last commit of each partition assigned to this member. */
  partitions: PartitionStats[];
  /** Offsets live-first catch-up skipped on the assigned partitions and left to backfill, in all. */
  backfillTotal: number;
  /** Of those, the ones the loop body has not finished yet (0 when no backfill runs). */
  backfillPending: number;
  /** When offsets were last committed. */
  lastCommitAt: Date | undefined;
  /** librdkafka's own statistics, every `statisticsIntervalMs` (`undefined` until the first, or when off). */
  client: ClientStatistics | undefined;
}

/** Lag and last commit of every assigned partition. */
export function partitionStats(ledger: PartitionLedger, kafka: GroupConsumer | undefined): PartitionStats[] {
  const connected = kafka?.isConnected() === true;
  return [...ledger.entries()].map((entry) => {
    // Lag is what the loop body has still to see, prefetched or not.
    const high = connected ? kafka.cachedHighWatermark(entry) : undefined;
    const from = entry.nextToDeliver ?? (entry.committed === undefined ? undefined : Number(entry.committed));
    const lag = high !== undefined && from !== undefined ? Math.max(0, high - from) : undefined;
    const backfill = entry.backfill?.counts();
    return { topic: entry.topic, partition: entry.partition, lag, committed: entry.committed, backfill };
  });
}

/** The figures `stats()` gathers from the consumer's parts. */
export interface StatsSources {
  gaps: GapStats | undefined;
  committer:
    | { counts: { commits: number; commitFailures: number; commitMs: number }; lastCommitAt: Date | undefined }
    | undefined;
  paused: boolean;
  queue: { records: number; refills: number; backfills: number; bytes: number };
  partitions: PartitionStats[];
  client: ClientStatistics | undefined;
}

/** Puts the consumer's counters and its parts' figures together. */
export function consumerStats(
  counts: Pick<
    ConsumerStats,
    | 'consumed'
    | 'messages'
    | 'bytes'
    | 'dataLoss'
    | 'assignments'
    | 'revocations'
    | 'invalid'
    | 'invalidByCode'
    | 'skipped'
    | 'deadLettered'
    | 'callbackErrors'
  >,
  sources: StatsSources,
): ConsumerStats {
  return {
    ...counts,
    invalidByCode: { ...counts.invalidByCode },
    ...(sources.gaps ?? emptyGapStats()),
    commits: sources.committer?.counts.commits ?? 0,
    commitFailures: sources.committer?.counts.commitFailures ?? 0,
    commitMs: sources.committer?.counts.commitMs ?? 0,
    paused: sources.paused,
    buffered: sources.queue.records + sources.queue.refills + sources.queue.backfills,
    bufferedBytes: sources.queue.bytes,
    lastCommitAt: sources.committer?.lastCommitAt,
    partitions: sources.partitions,
    backfillTotal: sources.partitions.reduce((sum, p) => sum + (p.backfill?.total ?? 0), 0),
    backfillPending: sources.partitions.reduce((sum, p) => sum + (p.backfill?.pending ?? 0), 0),
    client: sources.client,
  };
}
