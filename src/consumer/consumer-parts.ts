import type { Logger } from '../internal/logger.js';
import type { MessageDecoder } from '../records/message-decoder.js';
import type { GroupConsumer } from '../kafka/group-consumer.js';
import type { ConsumerDeps } from './consumer-core.js';
import type { ConsumerOptions } from './consumer-options.js';
import { BodyTracker } from './body-tracker.js';
import { DeliveryQueue } from './delivery-queue.js';
import { HealthMonitor } from './health-monitor.js';
import { InvalidHandler } from './invalid-handler.js';
import { PartitionLedger } from './partition-ledger.js';
import { RecordStream } from './record-stream.js';
import { UserCallbacks } from './user-callbacks.js';
import type { GapRecovery } from '../gaps/gap-recovery.js';
import type { PartitionStats } from './consumer-stats.js';

/** The parts a consumer has from its creation on, before it connects. */
export interface ConsumerParts<T> {
  ledger: PartitionLedger;
  queue: DeliveryQueue<T>;
  callbacks: UserCallbacks;
  invalid: InvalidHandler;
  health: HealthMonitor;
  stream: RecordStream<T>;
  body: BodyTracker;
  counts: {
    consumed: number;
    messages: number;
    bytes: number;
    dataLoss: number;
    assignments: number;
    revocations: number;
  };
}

/** What the parts need to reach of the consumer that owns them. */
export interface PartsOwner<T> {
  kafka: () => GroupConsumer | undefined;
  gaps: () => GapRecovery<T> | undefined;
  partitions: () => PartitionStats[];
  fail: (error: Error) => void;
  checkFailed: () => void;
  isClosing: () => boolean;
}

/** Creates a consumer's parts and wires them to each other and to their owner. */
export function createParts<T>(
  options: ConsumerOptions,
  decode: MessageDecoder<T>,
  deps: ConsumerDeps<T>,
  logger: Logger,
  owner: PartsOwner<T>,
): ConsumerParts<T> {
  const ledger = new PartitionLedger();
  const queue = new DeliveryQueue<T>(options.maxBufferedRecords, options.maxBufferedBytes);
  const invalid = new InvalidHandler(options, logger, owner.fail);
  const health = new HealthMonitor({
    clock: deps.clock,
    logger,
    maxUnavailableMs: options.maxUnavailableMs,
    stallTimeoutMs: options.stallTimeoutMs,
    brokers: options.connection.bootstrapServers.join(','),
    probe: () => owner.kafka()?.probe(options.connection.topic, 1000) ?? Promise.reject(new Error('not connected')),
    totalLag: () => owner.partitions().reduce((sum, p) => sum + (p.lag ?? 0), 0),
    fail: owner.fail,
  });
  const stream = new RecordStream(queue, ledger, {
    decode,
    gapTopic: options.connection.topic,
    gaps: owner.gaps,
    invalid,
    checkFailed: owner.checkFailed,
    isClosing: owner.isClosing,
  });
  return {
    ledger,
    queue,
    callbacks: new UserCallbacks(logger),
    invalid,
    health,
    stream,
    body: new BodyTracker(() => health.bodyFinished()),
    counts: { consumed: 0, messages: 0, bytes: 0, dataLoss: 0, assignments: 0, revocations: 0 },
  };
}
