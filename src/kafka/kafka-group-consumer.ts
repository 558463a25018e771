import { AuthorizationError } from '../errors/authorization-error.js';
import { UnknownTopicError } from '../errors/unknown-topic-error.js';
import type { Logger } from '../internal/logger.js';
import { classifyFault } from './classify-fault.js';
import { parseClientStatistics, type ClientStatistics } from './client-statistics.js';
import type { ClientConfig } from './client-config.js';
import { forwardClientLogs, secretsOfConfig } from './client-logs.js';
import { connectClient } from './connect-client.js';
import { RdCode } from './error-codes.js';
import type { CommittedOffset, GroupConsumer, GroupConsumerHooks } from './group-consumer.js';
import type { KafkaMessage, Partition, PartitionOffset } from './kafka-message.js';
import { toGoodweError } from './map-error.js';
import { queryCommitted, queryOffsetsForTimes, queryWatermarks, type Watermarks } from './offset-queries.js';
import { native, type LibrdKafkaError, type NativeAdmin, type NativeConsumer, type NativeMetadata } from './native.js';

export type { Partition, PartitionOffset } from './kafka-message.js';

// Methods the binding has (lib/kafka-consumer.js) but its type declarations omit.
type Consumer = NativeConsumer & {
  rebalanceProtocol(): 'COOPERATIVE' | 'EAGER' | 'NONE';
  incrementalAssign(partitions: Partition[]): void;
  incrementalUnassign(partitions: Partition[]): void;
  assignmentLost(): boolean;
  setDefaultIsTimeoutOnlyForFirstMessage(value: boolean): void;
  commitCb(
    positions: { topic: string; partition: number; offset: number }[],
    cb: (error: LibrdKafkaError | null) => void,
  ): void;
};

const ASSIGN = -175;
const REVOKE = -174;

const toNative = (p: PartitionOffset): { topic: string; partition: number; offset: number; metadata?: string } => ({
  topic: p.topic,
  partition: p.partition,
  offset: Number(p.offset),
  // A commit without metadata replaces the metadata committed before with none.
  ...(p.metadata === undefined ? {} : { metadata: p.metadata }),
});

/** Runs a hook; a throw is reported as a fault instead of escaping into librdkafka's callback. */
function guarded(hooks: GroupConsumerHooks, run: () => void): void {
  try {
    run();
  } catch (error) {
    hooks.onFault({ kind: 'transient', error: toGoodweError(error, { operation: 'Handling a rebalance' }) });
  }
}

/**
 * A consumer-group member over librdkafka's KafkaConsumer (the callback API rather than the
 * KafkaJS-compatible one): it gives batch `consume`, explicit offset commits, pause/resume,
 * seek and a synchronous rebalance callback, which the at-least-once guarantees are built on.
 */
export class KafkaGroupConsumer implements GroupConsumer {
  readonly #client: Consumer;
  readonly #hooks: GroupConsumerHooks;
  readonly #brokers: string;
  readonly #secrets: string[];
  #metadata: NativeMetadata | undefined;
  #disconnected: Promise<void> | undefined;
  #admin: NativeAdmin | undefined;
  #ready = false;
  #statistics: ClientStatistics | undefined;

  constructor(config: ClientConfig, hooks: GroupConsumerHooks, logger?: Logger) {
    this.#hooks = hooks;
    this.#brokers = String(config['bootstrap.servers'] ?? '');
    // auto.offset.reset is a topic property: the binding's topic configuration object replaces
    // librdkafka's default one, so the setting must travel there or it is silently ignored.
    const { 'auto.offset.reset': reset, ...global } = config;
    this.#client = new native.KafkaConsumer(
      {
        ...global,
        rebalance_cb: (error: LibrdKafkaError, assignment: Partition[]) => this.#rebalance(error, assignment),
      },
      reset === undefined ? {} : { 'auto.offset.reset': String(reset) as 'earliest' | 'latest' },
    ) as Consumer;
    this.#client.on('event.error', (error) => this.#report(error));
    this.#client.on('event.stats', (data: { message?: unknown }) => {
      if (typeof data?.message === 'string') this.#statistics = parseClientStatistics(data.message) ?? this.#statistics;
    });
    this.#secrets = secretsOfConfig(config);
    if (logger) forwardClientLogs(this.#client, logger, this.#secrets);
    // Return a batch as soon as one message is there instead of waiting to fill it.
    this.#client.setDefaultIsTimeoutOnlyForFirstMessage(true);
  }

  #report(error: LibrdKafkaError): void {
    const fault = classifyFault(error);
    if (fault) this.#hooks.onFault(fault);
  }

  // librdkafka waits for this callback to assign or unassign: whatever the hooks do, it must.
  #rebalance(error: LibrdKafkaError, assignment: Partition[]): void {
    const cooperative = this.#client.rebalanceProtocol() === 'COOPERATIVE';
    const partitions = assignment.map((p) => ({ topic: p.topic, partition: p.partition }));
    if (error.code === ASSIGN) {
      try {
        if (cooperative) this.#client.incrementalAssign(partitions);
        else this.#client.assign(partitions);
      } catch (caught) {
        this.#report(caught as LibrdKafkaError);
        return;
      }
      guarded(this.#hooks, () => this.#hooks.onAssign(partitions));
      return;
    }
    if (error.code !== REVOKE) {
      // An error instead of an assignment: librdkafka asks for the assignment to be dropped.
      try {
        this.#client.unassign();
      } catch (caught) {
        this.#report(caught as LibrdKafkaError);
      }
      return;
    }
    let lost = false;
    try {
      lost = this.#client.assignmentLost();
      let commits: PartitionOffset[] = [];
      guarded(this.#hooks, () => (commits = this.#hooks.onRevoke(partitions, lost)));
      // Commit what the application finished before letting the partitions go, so the next owner
      // starts right after it. Asynchronously: a synchronous commit would block the event loop for
      // up to session.timeout.ms when the coordinator is unreachable. The request is queued on the
      // coordinator connection ahead of this member's rejoin, so it lands before the next owner
      // reads the committed offsets; if it fails, the next owner re-reads: duplicates, never loss.
      if (!lost && commits.length > 0) {
        this.#client.commitCb(commits.map(toNative), (failed) => {
          if (failed) this.#report(failed);
        });
      }
    } catch (caught) {
      this.#report(caught as LibrdKafkaError);
    } finally {
      try {
        if (cooperative) this.#client.incrementalUnassign(partitions);
        else this.#client.unassign();
      } catch (caught) {
        this.#report(caught as LibrdKafkaError);
      }
      guarded(this.#hooks, () => this.#hooks.onRevoked(partitions, lost));
    }
  }

  async connect(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    this.#metadata = await connectClient(this.#client, {
      brokers: this.#brokers,
      role: 'Consumer',
      timeoutMs,
      signal,
      secrets: this.#secrets,
    });
    this.#ready = true;
  }

  /**
   * Partition count of a topic, checked before subscribing so that a wrong topic name or a
   * missing grant fails the first `next()` at once instead of consuming nothing. Plain metadata
   * does not tell the two apart; describing the topic does.
   */
  async checkTopic(topic: string, timeoutMs: number): Promise<number> {
    const known = this.#metadata?.topics.find((t) => t.name === topic && t.partitions.length > 0);
    if (known) return known.partitions.length;
    const { partitions, error } = await this.#describeTopic(topic, timeoutMs);
    if (error === undefined) return partitions;
    if (error.code === RdCode.topicAuthorizationFailed) {
      throw new AuthorizationError(
        `Reading topic ${topic} failed: this account is not authorised to read it. Ask the cluster operator (GoodWe) for access.`,
        { cause: error },
      );
    }
    if (error.code === RdCode.unknownTopicOrPartition) {
      throw new UnknownTopicError(
        `Topic ${topic} does not exist. Check the topic (your distributor code) and the broker address.`,
        { cause: error },
      );
    }
    throw toGoodweError(error, { operation: `Describing topic ${topic}` });
  }

  #describeTopic(
    topic: string,
    timeoutMs: number,
  ): Promise<{ partitions: number; error: LibrdKafkaError | undefined }> {
    this.#admin ??= native.AdminClient.createFrom(this.#client);
    return new Promise((resolve, reject) =>
      this.#admin!.describeTopics([topic], { timeout: timeoutMs }, (error, result) => {
        if (error) {
          reject(toGoodweError(error, { operation: `Describing topic ${topic}` }));
          return;
        }
        const description = result[0];
        resolve({ partitions: description?.partitions.length ?? 0, error: description?.error });
      }),
    );
  }

  probe(topic: string, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) =>
      this.#client.getMetadata({ topic, timeout: timeoutMs }, (error) =>
        error ? reject(toGoodweError(error, { operation: `Reading metadata of ${topic}` })) : resolve(),
      ),
    );
  }

  watermarks(p: Partition, timeoutMs: number): Promise<Watermarks> {
    return queryWatermarks(this.#client, p, timeoutMs);
  }

  subscribe(topics: string[]): void {
    this.#client.subscribe(topics);
  }

  fetch(max: number, waitMs: number): Promise<KafkaMessage[]> {
    this.#client.setDefaultConsumeTimeout(waitMs);
    return new Promise((resolve) =>
      this.#client.consume(max, (error, messages) => {
        if (error) {
          this.#report(error);
          // A persistent error would otherwise make the fetch loop spin.
          setTimeout(() => resolve([]), 100);
        } else resolve(messages);
      }),
    );
  }

  commit(positions: PartitionOffset[]): Promise<void> {
    if (positions.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) =>
      this.#client.commitCb(positions.map(toNative), (error: LibrdKafkaError | null) =>
        error ? reject(toGoodweError(error, { operation: 'Committing offsets' })) : resolve(),
      ),
    );
  }

  committed(partitions: Partition[], timeoutMs: number): Promise<CommittedOffset[]> {
    return queryCommitted(this.#client, partitions, timeoutMs);
  }

  offsetsForTimes(
    partitions: Partition[],
    timeMs: number,
    timeoutMs: number,
  ): Promise<Map<number, string | undefined>> {
    return queryOffsetsForTimes(this.#client, partitions, timeMs, timeoutMs);
  }

  seek(position: PartitionOffset, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) =>
      this.#client.seek(toNative(position), timeoutMs, (error) =>
        error
          ? reject(toGoodweError(error, { operation: `Seeking ${position.topic}[${position.partition}]` }))
          : resolve(),
      ),
    );
  }

  pause(partitions: Partition[]): void {
    if (partitions.length > 0) this.#client.pause(partitions);
  }

  resume(partitions: Partition[]): void {
    if (partitions.length > 0) this.#client.resume(partitions);
  }

  cachedHighWatermark(p: Partition): number | undefined {
    try {
      const { highOffset } = this.#client.getWatermarkOffsets(p.topic, p.partition);
      return highOffset >= 0 ? highOffset : undefined;
    } catch {
      return undefined;
    }
  }

  isConnected(): boolean {
    return this.#client.isConnected();
  }

  statistics(): ClientStatistics | undefined {
    return this.#statistics;
  }

  disconnect(): Promise<void> {
    this.#disconnected ??= new Promise<void>((resolve) => {
      this.#admin?.disconnect();
      if (!this.#client.isConnected()) {
        resolve();
        return;
      }
      this.#client.disconnect(() => resolve());
      // A connect that failed fast (bad credentials) leaves librdkafka's metadata request running
      // until its timeout, and disconnecting waits for it: let that finish in the background.
      if (!this.#ready) resolve();
    });
    return this.#disconnected;
  }
}
