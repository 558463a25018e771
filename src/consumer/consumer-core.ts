import { GapRecovery, type GapRecoveryContext } from '../gaps/gap-recovery.js';
import { parseGapOptions } from '../gaps/gap-options.js';
import type { Clock } from '../internal/clock.js';
import type { Logger } from '../internal/logger.js';
import { toClientConfig } from '../kafka/connection-config.js';
import type { GroupConsumer, GroupConsumerHooks } from '../kafka/group-consumer.js';
import type { MessageDecoder } from '../records/message-decoder.js';
import type { ConsumerOptions } from './consumer-options.js';
import { FetchPump } from './fetch-pump.js';
import { OffsetCommitter } from './offset-committer.js';
import type { ConsumerParts } from './consumer-parts.js';
import { publishConsumerEvent } from '../metrics/consumer-events.js';
import { dataLossReporter, RebalanceHandler } from './rebalance-handler.js';
import { RetentionLoss } from './retention-loss.js';
import type { SeekResult } from './seek-result.js';
import { seekToTime } from './seek-to-time.js';
import { LiveFirstCatchUp, type CatchUpContext } from './live-first-catch-up.js';

/** Creates the group-consumer client for the consumer core; tests give a fake. */
export type GroupConsumerFactory = (options: ConsumerOptions, hooks: GroupConsumerHooks) => Promise<GroupConsumer>;

/** What the consumer runs on: librdkafka and the wall clock, or fakes in tests. */
export interface ConsumerDeps<T> {
  createClient: GroupConsumerFactory;
  clock: Clock;
  /** Reads the log before a committed offset to rebuild gap state. @default a side reader over Kafka */
  readLookback?: GapRecoveryContext<T>['readLookback'];
  /** Reads the ranges a live-first catch-up skipped. @default a side reader over Kafka */
  readRanges?: CatchUpContext<T>['readRanges'];
}

/** The parts a started consumer runs on. */
export interface ConsumerCore<T> {
  kafka: GroupConsumer;
  gaps: GapRecovery<T>;
  pump: FetchPump<T>;
  committer: OffsetCommitter;
  /** Live-first jumps and the backfills of skipped ranges. */
  catchUp: LiveFirstCatchUp<T>;
  fetchLoop: Promise<void>;
  timers: NodeJS.Timeout[];
  /** `seekToTime` over these parts. */
  seek: (timeMs: number, partitions: readonly number[] | undefined) => Promise<SeekResult[]>;
}

/** What the facade lends the core: the parts that exist before connecting, and its reactions. */
export interface CoreContext<T> {
  options: ConsumerOptions;
  decode: MessageDecoder<T>;
  deps: ConsumerDeps<T>;
  logger: Logger;
  parts: ConsumerParts<T>;
  /** Called with the client before connecting, so `close()` can reach it during a slow connect. */
  created: (kafka: GroupConsumer) => void;
  isStopped: () => boolean;
  /** Throws the error that failed the consumer, if any. */
  checkFailed: () => void;
  /** Fails the consumer with this error. */
  fail: (error: Error) => void;
}

/**
 * Connects and wires the consumer's parts: the client with its rebalance hooks, topic checks,
 * gap recovery, the fetch pump, the committer and retention checks, and the commit and health timers.
 */
export async function startCore<T>(context: CoreContext<T>): Promise<ConsumerCore<T>> {
  const { options, logger } = context;
  const { ledger, queue, health, callbacks, counts } = context.parts;
  const gapTopic = options.connection.topic;
  const parts: { rebalance?: RebalanceHandler<T>; gaps?: GapRecovery<T> } = {};
  const kafka = await context.deps.createClient(options, {
    onAssign: (partitions) => {
      counts.assignments++;
      publishConsumerEvent('rebalance', { groupId: options.groupId, kind: 'assign', partitions });
      parts.rebalance?.assigned(partitions);
    },
    onRevoke: (partitions, lost) => {
      counts.revocations++;
      publishConsumerEvent('rebalance', { groupId: options.groupId, kind: lost ? 'lost' : 'revoke', partitions });
      return parts.rebalance?.revoking(partitions, lost) ?? [];
    },
    onRevoked: (partitions) => parts.rebalance?.revoked(partitions),
    onFault: (fault) => health.fault(fault),
  });
  context.created(kafka);
  await kafka.connect(options.connectTimeoutMs, options.signal);
  const topics = options.topics ?? [gapTopic];
  const partitionCounts = new Map<string, number>();
  for (const topic of [...new Set([gapTopic, ...topics])])
    partitionCounts.set(topic, await kafka.checkTopic(topic, options.connectTimeoutMs));

  const gaps = new GapRecovery(parseGapOptions(options.gaps), {
    topic: gapTopic,
    partitionCount: partitionCounts.get(gapTopic) ?? 1,
    clientConfig: () => toClientConfig(options.connection),
    decode: context.decode,
    logger,
    timeoutMs: options.connectTimeoutMs,
    deliver: (record, serialNumber, timeMs) => queue.pushRefill(record, serialNumber, timeMs),
    ...(context.deps.readLookback ? { readLookback: context.deps.readLookback } : {}),
  });
  parts.gaps = gaps;
  const { groupId } = options;
  const reportLoss = dataLossReporter(logger, callbacks, options.onDataLoss, (loss) => {
    counts.dataLoss++;
    publishConsumerEvent('dataLoss', { groupId, error: loss });
  });
  const retention = new RetentionLoss(kafka, ledger, logger, options.connectTimeoutMs, reportLoss);
  const pump = new FetchPump(kafka, ledger, queue, {
    fetchBatchSize: options.fetchBatchSize,
    isStopped: context.isStopped,
    onFetched: (count, bytes) => {
      counts.messages += count;
      counts.bytes += bytes;
      health.reachable();
    },
    onSkip: (entry, expected, actual) => retention.skipped(entry, expected, actual),
  });
  const committer = new OffsetCommitter(kafka, ledger, logger, context.deps.clock, (positions, error) =>
    publishConsumerEvent('commitFailed', { groupId, positions, error }),
  );
  const catchUp = new LiveFirstCatchUp({
    options: options.catchUp,
    kafka,
    ledger,
    queue,
    pump,
    topic: gapTopic,
    clientConfig: () => toClientConfig(options.connection),
    decode: context.decode,
    logger,
    timeoutMs: options.connectTimeoutMs,
    onSkip: (entry, expected, actual) => retention.skipped(entry, expected, actual),
    ...(context.deps.readRanges ? { readRanges: context.deps.readRanges } : {}),
  });
  parts.rebalance = new RebalanceHandler({
    kafka,
    ledger,
    queue,
    pump,
    committer,
    retention,
    callbacks,
    logger,
    gapTopic,
    gaps: () => parts.gaps,
    catchUp,
    timeoutMs: options.connectTimeoutMs,
    onAssign: options.onAssign,
    onRevoke: options.onRevoke,
  });
  kafka.subscribe(topics);
  // A throw from the client (pause/resume on a closed client) ends the consumer, never unhandled.
  const fetchLoop = pump.run().catch((error: unknown) => context.fail(error as Error));
  // Told once per pause: fetching stopped because the body is behind, for longer than stallTimeoutMs.
  let reportedPause: number | undefined;
  const pausedTooLong = (): void => {
    const since = pump.pausedSince;
    if (since === undefined || since === reportedPause || Date.now() - since < options.stallTimeoutMs) return;
    reportedPause = since;
    publishConsumerEvent('pausedLong', { groupId, partitions: ledger.partitions(), pausedForMs: Date.now() - since });
  };
  const timers = [
    setInterval(() => void committer.commitFinished(), options.commitIntervalMs),
    setInterval(
      () => {
        health.tick();
        pausedTooLong();
      },
      Math.min(1000, options.stallTimeoutMs),
    ),
  ];
  for (const timer of timers) timer.unref();
  const seek = (timeMs: number, wanted: readonly number[] | undefined): Promise<SeekResult[]> =>
    seekToTime(
      {
        kafka,
        ledger,
        queue,
        pump,
        gaps,
        gapTopic,
        clientConfig: () => toClientConfig(options.connection),
        logger,
        timeoutMs: options.connectTimeoutMs,
        checkFailed: context.checkFailed,
      },
      timeMs,
      wanted,
    );
  return { kafka, gaps, pump, committer, catchUp, fetchLoop, timers, seek };
}
