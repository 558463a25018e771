import { ClosedError } from '../errors/closed-error.js';
import { ConfigError } from '../errors/config-error.js';
import { TimeoutError } from '../errors/timeout-error.js';
import type { ClientConfig } from '../kafka/client-config.js';
import { resolveSeek } from './resolve-seek.js';
import type { SeekResult } from './seek-result.js';
import { replayWindow, type ReplayOptions } from './replay-window.js';
import { ConnectionError } from '../errors/connection-error.js';
import { isGoodweKafkaError } from '../errors/goodwe-kafka-error.js';
import { silentLogger, type Logger } from '../internal/logger.js';
import { KafkaGroupConsumer, type Partition, type PartitionOffset } from '../kafka/kafka-group-consumer.js';
import { toGoodweError } from '../kafka/map-error.js';
import type { LibrdKafkaError, NativeMessage } from '../kafka/native.js';
import { CommitWatermarks } from './commit-watermarks.js';
import { consumerClientConfig } from './consumer-client-config.js';
import type { ConsumerOptions } from './consumer-options.js';
import type { ConsumerHealth, ConsumerStats, HealthState } from './consumer-stats.js';
import { DeadLetterSink } from './dead-letter-sink.js';
import { detectDataLoss } from './detect-data-loss.js';
import { isAllBrokersDown, isFatalConsumerError, topicProblem } from './fatal-errors.js';
import { emptyGapStats, GapRecovery } from '../gaps/gap-recovery.js';
import type { GapEvent } from '../gaps/gap-outcome.js';
import { parseGapOptions } from '../gaps/gap-options.js';
import { toClientConfig } from '../kafka/connection-config.js';
import { RdCode } from '../kafka/error-codes.js';
import type { MessageDecoder } from './message-decoder.js';
import { RecordBuffer, type BufferedMessage } from './record-buffer.js';
import { toItems, type Item } from './to-items.js';
import type { InvalidTelemetryRecord, TelemetryRecord } from './telemetry-record.js';

const partitionKey = (topic: string, partition: number): string => `${topic}\u0000${partition}`;

/**
 * Reads telemetry from Kafka as an async iterable of typed records, with at-least-once delivery:
 * a record's offset is committed only after the loop body that received it has finished.
 * Created by `createTelemetryConsumer`; see there for an example.
 *
 * @typeParam T - The decoded reading type.
 * @typeParam Y - What iteration yields: `TelemetryRecord<T>`, plus `InvalidTelemetryRecord` with `onInvalid: 'yield'`.
 */
export class TelemetryConsumer<T, Y = TelemetryRecord<T>> implements AsyncIterable<Y>, AsyncDisposable {
  readonly #options: ConsumerOptions;
  readonly #decode: MessageDecoder<T>;
  readonly #log: Logger;
  readonly #buffer: RecordBuffer<Item<T>>;
  readonly #watermarks = new CommitWatermarks();
  readonly #assigned = new Map<string, Partition>();
  readonly #committed = new Map<string, string>();
  /** Per partition, one past the last offset handed to the loop body: lag counts from here. */
  readonly #nextToDeliver = new Map<string, number>();
  #kafka: KafkaGroupConsumer | undefined;
  #deadLetters: DeadLetterSink | undefined;
  #state: HealthState = 'starting';
  #lastError: Error | undefined;
  #fatal: Error | undefined;
  #started: Promise<void> | undefined;
  #closing: Promise<void> | undefined;
  #iterating = false;
  #paused = false;
  #wake: (() => void) | undefined;
  #drained: (() => void) | undefined;
  /** Whether a loop body holds a record now; close() waits for it through `#bodyWaiters`. */
  #bodyRunning = false;
  readonly #bodyWaiters: (() => void)[] = [];
  /** Set while a seek runs: the fetcher waits for it. */
  #gate: Promise<void> | undefined;
  /** Settles when the fetch in flight (if any) has returned. */
  #fetching: Promise<void> | undefined;
  /** Whether the record last handed out came from the group's partitions (not a refill). */
  #fromLive = false;
  #gaps: GapRecovery<T> | undefined;
  /** Records found by refill scans, waiting for the loop. */
  readonly #refilled: TelemetryRecord<T>[] = [];
  #refillRoom: (() => void) | undefined;
  /** Partitions whose gap state is being rebuilt; their records wait for it. */
  readonly #rebuilding = new Map<string, Promise<void>>();
  #fetchLoop: Promise<void> | undefined;
  #timers: NodeJS.Timeout[] = [];
  #current: BufferedMessage<Item<T>> | undefined;
  #currentIndex = 0;
  /** `partitionKey` of `#current`, computed once per message rather than per reading. */
  #currentKey = '';
  #unavailableSince: number | undefined;
  #probing = false;
  #lastWarning: { message: string; at: number } | undefined;
  #lastDeliveryAt: number | undefined;
  #lastCommitAt: number | undefined;
  readonly #counts = { consumed: 0, messages: 0, invalid: 0, skipped: 0, deadLettered: 0, dataLoss: 0 };

  /** @internal Use `createTelemetryConsumer`. */
  constructor(options: ConsumerOptions, decode: MessageDecoder<T>) {
    this.#options = options;
    this.#decode = decode;
    this.#log = options.logger ?? silentLogger;
    this.#buffer = new RecordBuffer(options.maxBufferedRecords, options.maxBufferedBytes);
    options.signal?.addEventListener('abort', () => void this.close(), { once: true });
  }

  /** Iterates the records. Leaving the loop (break, return, an exception) closes the consumer. */
  [Symbol.asyncIterator](): AsyncIterator<Y> {
    if (this.#iterating)
      throw new ClosedError('This consumer is already being iterated; use one for-await loop per consumer.');
    if (this.#closing) throw new ClosedError('This consumer is closed; create a new one.');
    this.#iterating = true;
    return this.#iterate() as AsyncIterator<Y>;
  }

  async *#iterate(): AsyncGenerator<TelemetryRecord<T> | InvalidTelemetryRecord> {
    try {
      await this.#start();
      for (;;) {
        const item = await this.#nextItem();
        if (item === undefined) return;
        this.#counts.consumed++;
        this.#lastDeliveryAt = Date.now();
        if (this.#state === 'stalled') this.#state = 'running';
        this.#bodyRunning = true;
        try {
          yield item;
        } finally {
          this.#bodyRunning = false;
          for (const resolve of this.#bodyWaiters.splice(0)) resolve();
        }
        // Resumed: the loop body has finished with the record (refilled ones are never committed).
        if (this.#fromLive) this.#finishCurrent(item.offset);
      }
    } finally {
      // The record in hand when the loop ends early is left uncommitted: an iterator cannot tell a
      // `break` from an exception in the body, and committing after an exception would lose it.
      await this.close();
    }
  }

  #finishCurrent(offset: string): void {
    const message = this.#current;
    if (message && this.#currentIndex >= message.items.length && message.offset === offset) {
      this.#watermarks.finish(message.topic, message.partition, message.offset);
    }
  }

  async #nextItem(): Promise<TelemetryRecord<T> | InvalidTelemetryRecord | undefined> {
    for (;;) {
      if (this.#fatal) throw this.#fatal;
      if (this.#closing) return undefined;
      const refilled = this.#refilled.shift();
      if (refilled) {
        if (this.#refilled.length <= this.#options.maxBufferedRecords / 2) this.#refillRoom?.();
        this.#fromLive = false;
        return refilled;
      }
      const message = this.#current;
      if (message && this.#currentIndex < message.items.length && this.#assigned.has(this.#currentKey)) {
        const item = message.items[this.#currentIndex++]!;
        this.#fromLive = true;
        if (item.kind === 'invalid') {
          const handled = await this.#handleInvalid(message, item.record);
          if (handled) return handled;
          continue;
        }
        const tracked = item.timeMs !== undefined && message.topic === this.#options.connection.topic;
        if (!tracked || !this.#gaps?.observeLive(message.partition, item.serialNumber, item.timeMs!)) {
          return item.record;
        }
        // A duplicate reading: nobody sees it, so it is finished once its message is.
        if (this.#currentIndex >= message.items.length)
          this.#watermarks.finish(message.topic, message.partition, message.offset);
        continue;
      }
      const next = this.#buffer.shift();
      if (this.#drained && this.#buffer.isBelowHalf) this.#drained();
      if (next) {
        const key = partitionKey(next.topic, next.partition);
        // A message of a partition revoked since it was fetched is never handed out.
        if (!this.#assigned.has(key)) continue;
        // Gap state of a newly assigned partition is rebuilt before its first record is looked at.
        const rebuilding = this.#rebuilding.get(key);
        if (rebuilding) await rebuilding;
        this.#current = next;
        this.#currentKey = key;
        this.#currentIndex = 0;
        this.#watermarks.start(next.topic, next.partition, next.offset);
        this.#nextToDeliver.set(key, Number(next.offset) + 1);
        continue;
      }
      await new Promise<void>((resolve) => (this.#wake = resolve));
    }
  }

  /** Applies `onInvalid`; returns the record to yield, or undefined when the message was dealt with. */
  async #handleInvalid(
    message: BufferedMessage<Item<T>>,
    record: InvalidTelemetryRecord,
  ): Promise<InvalidTelemetryRecord | undefined> {
    this.#counts.invalid++;
    const { onInvalid } = this.#options;
    const where = { topic: record.topic, partition: record.partition, offset: record.offset, code: record.error.code };
    if (onInvalid === 'yield') return record;
    if (onInvalid === 'throw') {
      this.#fail(record.error);
      throw record.error;
    }
    if (onInvalid === 'dead-letter') {
      this.#deadLetters ??= new DeadLetterSink(this.#options, this.#log);
      // Moving on only once the dead-letter topic has the message: nothing is lost if this fails.
      await this.#deadLetters.send(record);
      this.#counts.deadLettered++;
      this.#log.warn(where, `Invalid message written to ${this.#options.deadLetterTopic}: ${record.error.message}`);
    } else {
      this.#counts.skipped++;
      this.#log.warn(where, `Invalid message skipped: ${record.error.message}`);
    }
    this.#watermarks.finish(message.topic, message.partition, message.offset);
    return undefined;
  }

  #start(): Promise<void> {
    // On failure the iterator's `finally` closes the consumer (closing waits for this promise).
    this.#started ??= this.#connect().catch((error: unknown) => {
      this.#fail(error as Error);
      throw this.#fatal;
    });
    return this.#started;
  }

  async #connect(): Promise<void> {
    const options = this.#options;
    const config = await consumerClientConfig(options);
    const kafka = new KafkaGroupConsumer(
      config,
      {
        onAssign: (partitions) => this.#onAssign(partitions),
        onRevoke: (partitions, lost) => this.#onRevoke(partitions, lost),
        onError: (error) => this.#onKafkaError(error),
      },
      this.#options.logger,
    );
    this.#kafka = kafka;
    const metadata = await kafka.connect(options.connectTimeoutMs, options.signal);
    const topics = options.topics ?? [options.connection.topic];
    for (const topic of topics) {
      const problem = await topicProblem(kafka, topic, metadata, options.connectTimeoutMs);
      if (problem) throw problem;
    }
    const gapTopic = options.connection.topic;
    this.#gaps = new GapRecovery(parseGapOptions(options.gaps), {
      topic: gapTopic,
      partitionCount: metadata.topics.find((t) => t.name === gapTopic)?.partitions.length ?? 1,
      clientConfig: () => toClientConfig(options.connection),
      decode: this.#decode,
      logger: this.#log,
      timeoutMs: options.connectTimeoutMs,
      deliver: (record) => this.#deliverRefilled(record),
    });
    kafka.subscribe(topics);
    this.#state = 'running';
    this.#fetchLoop = this.#runFetchLoop(kafka);
    this.#timers.push(
      setInterval(() => void this.#commitFinished().catch(() => undefined), options.commitIntervalMs),
      setInterval(() => this.#watchdog(), Math.min(1000, options.stallTimeoutMs)),
    );
    for (const timer of this.#timers) timer.unref();
  }

  async #runFetchLoop(kafka: KafkaGroupConsumer): Promise<void> {
    const { fetchBatchSize } = this.#options;
    while (!this.#closing && !this.#fatal) {
      if (this.#buffer.isFull) {
        await this.#waitWhileFull(kafka);
        continue;
      }
      if (this.#paused) {
        kafka.resume([...this.#assigned.values()]);
        this.#paused = false;
      }
      await this.#fetchInto(kafka, fetchBatchSize, 250);
    }
  }

  /**
   * The loop body is behind. A short wait costs nothing: librdkafka's own prefetch queue is
   * bounded too. When the body stays behind, pause the partitions (so nothing more is fetched)
   * and keep polling, which serves rebalances and keeps this member in the group however slow
   * the body is. Fetching resumes once the buffer has drained to half.
   */
  async #waitWhileFull(kafka: KafkaGroupConsumer): Promise<void> {
    await new Promise<void>((resolve) => {
      this.#drained = resolve;
      setTimeout(resolve, 500).unref();
    });
    this.#drained = undefined;
    if (!this.#buffer.isFull) return;
    if (!this.#paused) {
      kafka.pause([...this.#assigned.values()]);
      this.#paused = true;
    }
    await this.#fetchInto(kafka, 1, 0);
  }

  async #fetchInto(kafka: KafkaGroupConsumer, max: number, waitMs: number): Promise<void> {
    // A seek in progress needs no fetch in flight: messages a fetch takes out of librdkafka's queue
    // around the seek could be from either side of it.
    while (this.#gate) await this.#gate;
    let messages: NativeMessage[];
    try {
      const fetching = kafka.fetch(max, waitMs);
      this.#fetching = fetching.then(
        () => undefined,
        () => undefined,
      );
      messages = await fetching;
    } catch (error) {
      this.#onKafkaError(error as LibrdKafkaError);
      return;
    }
    if (messages.length === 0) return;
    this.#unavailableSince = undefined;
    this.#counts.messages += messages.length;
    for (const message of messages) {
      if (!this.#assigned.has(partitionKey(message.topic, message.partition))) continue;
      this.#buffer.push(toItems(message, this.#decode));
    }
    this.#wake?.();
  }

  /** Queues a record found by a refill scan; waits while the loop is far behind. */
  async #deliverRefilled(record: TelemetryRecord<T>): Promise<void> {
    while (this.#refilled.length >= this.#options.maxBufferedRecords && !this.#closing) {
      await new Promise<void>((resolve) => {
        this.#refillRoom = resolve;
        setTimeout(resolve, 1000).unref();
      });
    }
    this.#refilled.push(record);
    this.#wake?.();
  }

  #rebuildGapState(kafka: KafkaGroupConsumer, partitions: Partition[]): void {
    const gaps = this.#gaps;
    const own = partitions.filter((p) => p.topic === this.#options.connection.topic);
    if (!gaps || own.length === 0) return;
    const committed = kafka.committed(own, this.#options.connectTimeoutMs).catch(() => [] as PartitionOffset[]);
    for (const p of own) {
      const key = partitionKey(p.topic, p.partition);
      const done = committed
        .then((list) => gaps.rebuild(p.partition, list.find((c) => c.partition === p.partition)?.offset))
        .catch((error: unknown) =>
          this.#log.warn({ partition: p.partition }, `Rebuilding gap state failed: ${String(error)}`),
        )
        .finally(() => this.#rebuilding.delete(key));
      this.#rebuilding.set(key, done);
    }
  }

  #onAssign(partitions: Partition[]): void {
    for (const p of partitions) this.#assigned.set(partitionKey(p.topic, p.partition), p);
    if (this.#kafka) this.#rebuildGapState(this.#kafka, partitions);
    if (this.#paused) this.#kafka?.pause(partitions);
    this.#log.info({ partitions }, 'Partitions assigned');
    this.#options.onAssign?.({ partitions });
    if (this.#kafka) {
      void detectDataLoss(this.#kafka, partitions, this.#options.connectTimeoutMs).then((losses) => {
        for (const loss of losses) {
          this.#counts.dataLoss++;
          this.#log.error({ topic: loss.topic, partition: loss.partition, from: loss.from, to: loss.to }, loss.message);
          this.#options.onDataLoss?.(loss);
        }
      });
    }
  }

  #onRevoke(partitions: Partition[], lost: boolean): PartitionOffset[] {
    const revoked = new Set(partitions.map((p) => partitionKey(p.topic, p.partition)));
    for (const key of revoked) this.#assigned.delete(key);
    for (const p of partitions) this.#buffer.dropPartition(p.topic, p.partition);
    const commits = lost
      ? []
      : this.#watermarks.takeCommittable().filter((c) => revoked.has(partitionKey(c.topic, c.partition)));
    for (const p of partitions) {
      this.#watermarks.forget(p.topic, p.partition);
      this.#nextToDeliver.delete(partitionKey(p.topic, p.partition));
    }
    for (const c of commits) this.#committed.set(partitionKey(c.topic, c.partition), c.offset);
    for (const p of partitions) {
      if (p.topic === this.#options.connection.topic) void this.#gaps?.dropPartition(p.partition);
    }
    this.#log.info({ partitions, lost }, 'Partitions revoked');
    this.#options.onRevoke?.({ partitions });
    return commits;
  }

  #onKafkaError(error: LibrdKafkaError): void {
    const typed = toGoodweError(error, { operation: 'Consuming' });
    this.#lastError = typed;
    if (isAllBrokersDown(error)) {
      if (this.#unavailableSince === undefined) {
        this.#unavailableSince = Date.now();
        this.#log.warn({ code: typed.code }, 'No broker reachable; retrying');
      }
      return;
    }
    if (isFatalConsumerError(error)) {
      this.#fail(typed);
      return;
    }
    if (error.code === RdCode.timedOut || error.code === RdCode.partitionEof) return;
    // librdkafka repeats connection errors many times a second while it retries: log each kind once a minute.
    const now = Date.now();
    if (this.#lastWarning?.message !== typed.message || now - this.#lastWarning.at > 60_000) {
      this.#lastWarning = { message: typed.message, at: now };
      this.#log.warn({ code: typed.code }, typed.message);
    }
  }

  #watchdog(): void {
    const now = Date.now();
    if (this.#unavailableSince !== undefined) {
      if (now - this.#unavailableSince > this.#options.maxUnavailableMs) {
        const brokers = this.#options.connection.bootstrapServers.join(',');
        this.#fail(
          new ConnectionError(
            `No broker was reachable for more than ${this.#options.maxUnavailableMs} ms (maxUnavailableMs); brokers: ${brokers}.`,
            { retriable: true, cause: this.#lastError },
          ),
        );
        return;
      }
      this.#probeAvailability();
    }
    if (this.#state !== 'running') return;
    const idle = now - (this.#lastDeliveryAt ?? now);
    if (idle > this.#options.stallTimeoutMs && this.#totalLag() > 0) this.#state = 'stalled';
  }

  // librdkafka reports "all brokers down" but not their return; a metadata round trip tells.
  #probeAvailability(): void {
    const kafka = this.#kafka;
    if (!kafka || this.#probing) return;
    this.#probing = true;
    kafka
      .topicMetadata(this.#options.connection.topic, 1000)
      .then(
        () => {
          this.#unavailableSince = undefined;
          this.#log.info({}, 'Brokers reachable again');
        },
        () => undefined,
      )
      .finally(() => (this.#probing = false));
  }

  #fail(error: Error): void {
    if (this.#fatal) return;
    this.#fatal = isGoodweKafkaError(error) ? error : toGoodweError(error, { operation: 'Consuming' });
    this.#lastError = this.#fatal;
    this.#state = 'failed';
    this.#log.error({ code: (this.#fatal as { code?: string }).code }, this.#fatal.message);
    this.#wake?.();
  }

  #totalLag(): number {
    let lag = 0;
    for (const p of this.stats().partitions) lag += p.lag ?? 0;
    return lag;
  }

  async #commitFinished(): Promise<void> {
    const kafka = this.#kafka;
    if (!kafka) return;
    const commits = this.#watermarks
      .takeCommittable()
      .filter((c) => this.#assigned.has(partitionKey(c.topic, c.partition)));
    if (commits.length === 0) return;
    await kafka.commit(commits);
    for (const c of commits) this.#committed.set(partitionKey(c.topic, c.partition), c.offset);
    this.#lastCommitAt = Date.now();
  }

  /**
   * Every gap's final {@link GapEvent} (refilled, partial, not-in-log or beyond-retention), as an
   * async iterator that ends when the consumer closes. Gap events need `gaps: { refill: true }`;
   * without it gaps are only counted in `stats().gapsFound`. The same events reach `gaps.onGap`.
   */
  gaps(): AsyncIterableIterator<GapEvent> {
    if (!this.#gaps) throw new ClosedError('gaps() is available once iteration has started.');
    return this.#gaps.events();
  }

  /**
   * Moves the group's read position to a time: per partition, to the first record
   * whose Kafka time is at or after `date`; to the end when there is none; to the earliest
   * retained record, flagged `beforeRetention`, when `date` is before retention. Resolves once the
   * seek has taken effect: the next record yielded on each partition is at the resolved offset,
   * and nothing buffered from before leaks out. Seeking commits nothing by itself; records after
   * it are `source: 'live'` and committed as usual once their bodies finish.
   *
   * Call it while iterating (from the loop body or another task): it applies to the partitions
   * assigned to this member, waiting up to `connectTimeoutMs` for the first assignment.
   *
   * @example
   * ```ts
   * const positions = await consumer.seekToTime(new Date('2026-11-20T00:00:00Z'));
   * if (positions.some((p) => p.beforeRetention)) console.warn('part of that day is no longer in Kafka');
   * ```
   */
  async seekToTime(date: Date, options: { partitions?: readonly number[] } = {}): Promise<SeekResult[]> {
    if (this.#closing) throw new ClosedError('This consumer is closed; create a new one.');
    await this.#start();
    const kafka = this.#kafka!;
    const partitions = await this.#assignedPartitions(options.partitions);
    while (this.#gate) await this.#gate;
    let release!: () => void;
    this.#gate = new Promise<void>((resolve) => (release = resolve));
    try {
      await this.#fetching;
      const config = (): Promise<ClientConfig> => toClientConfig(this.#options.connection);
      const results = await resolveSeek(kafka, config, partitions, date.getTime(), this.#options.connectTimeoutMs);
      for (const result of results) {
        const key = partitionKey(result.topic, result.partition);
        if (!this.#assigned.has(key)) continue; // revoked meanwhile: the new owner reads from the commit
        this.#buffer.dropPartition(result.topic, result.partition);
        // The record in hand (if any) of that partition is no longer finished into a commit.
        if (this.#current?.topic === result.topic && this.#current.partition === result.partition)
          this.#current = undefined;
        this.#watermarks.forget(result.topic, result.partition);
        this.#nextToDeliver.delete(key);
        this.#gaps?.resetPartition(result.partition);
        await kafka.seek(
          { topic: result.topic, partition: result.partition, offset: result.offset },
          this.#options.connectTimeoutMs,
        );
      }
      this.#log.info({ time: date.toISOString(), results }, 'Seeked to time');
      return results;
    } finally {
      this.#gate = undefined;
      release();
    }
  }

  async #assignedPartitions(wanted: readonly number[] | undefined): Promise<Partition[]> {
    const topic = this.#options.connection.topic;
    const deadline = Date.now() + this.#options.connectTimeoutMs;
    for (;;) {
      const owned = [...this.#assigned.values()].filter((p) => p.topic === topic);
      if (owned.length > 0) {
        if (!wanted) return owned;
        const missing = wanted.filter((n) => !owned.some((p) => p.partition === n));
        if (missing.length === 0) return owned.filter((p) => wanted.includes(p.partition));
        throw new ConfigError(
          `seekToTime: partitions ${missing.join(', ')} of ${topic} are not assigned to this member.`,
        );
      }
      if (this.#fatal) throw this.#fatal;
      if (Date.now() > deadline) {
        throw new TimeoutError(
          `seekToTime: no partition of ${topic} was assigned within ${this.#options.connectTimeoutMs} ms.`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /**
   * Reads a closed time window of telemetry with a side reader (no group, no commits): every
   * partition from the first record at `from` until records pass `to`, filtered to telemetry
   * times within the window (and `serialNumbers`), de-duplicated, `source: 'replay'`. Independent
   * of the live iteration, which goes on meanwhile.
   *
   * @example
   * ```ts
   * for await (const record of consumer.replay({ from: new Date('2026-11-20T06:00Z'), to: new Date('2026-11-20T08:00Z') })) {
   *   await db.upsert(record.value);
   * }
   * ```
   */
  replay(options: ReplayOptions): AsyncGenerator<TelemetryRecord<T>> {
    return replayWindow(options, {
      connection: this.#options.connection,
      decode: this.#decode,
      logger: this.#log,
      timeoutMs: this.#options.connectTimeoutMs,
    });
  }

  /** Liveness: `starting`, `running`, `stalled`, `closed` or `failed`, with the last error. */
  health(): ConsumerHealth {
    return {
      state: this.#state,
      lastError: this.#lastError,
      lastDeliveryAt: this.#lastDeliveryAt === undefined ? undefined : new Date(this.#lastDeliveryAt),
    };
  }

  /** Counters, buffer use and lag per assigned partition. */
  stats(): ConsumerStats {
    const kafka = this.#kafka;
    const assigned = [...this.#assigned.values()];
    const positions = kafka?.isConnected() ? kafka.position(assigned) : [];
    return {
      ...this.#counts,
      ...(this.#gaps?.stats ?? emptyGapStats()),
      buffered: this.#buffer.records,
      bufferedBytes: this.#buffer.bytes,
      lastCommitAt: this.#lastCommitAt === undefined ? undefined : new Date(this.#lastCommitAt),
      partitions: assigned.map((p) => {
        const key = partitionKey(p.topic, p.partition);
        const high = kafka?.cachedWatermarks(p.topic, p.partition)?.high;
        // Lag is what the loop body has still to see, prefetched or not.
        const fetched = positions.find((q) => q.topic === p.topic && q.partition === p.partition)?.offset;
        const from =
          this.#nextToDeliver.get(key) ?? (fetched !== undefined && Number(fetched) >= 0 ? Number(fetched) : undefined);
        const lag =
          high !== undefined && Number(high) >= 0 && from !== undefined ? Math.max(0, Number(high) - from) : undefined;
        return { topic: p.topic, partition: p.partition, lag, committed: this.#committed.get(key) };
      }),
    };
  }

  /**
   * Stops fetching, commits every record whose loop body finished, leaves the group and
   * disconnects. Idempotent; safe to call from any state.
   */
  close(): Promise<void> {
    this.#closing ??= this.#shutDown();
    this.#wake?.();
    return this.#closing;
  }

  async #shutDown(): Promise<void> {
    for (const timer of this.#timers) clearInterval(timer);
    const kafka = this.#kafka;
    await this.#started?.catch(() => undefined);
    await this.#fetchLoop;
    if (kafka) {
      const limit = new Promise<void>((resolve) => setTimeout(resolve, this.#options.closeTimeoutMs).unref());
      // Closed from outside the loop (a signal, an abort): let the body in hand finish so its record
      // is committed too. (A body that awaits close() itself waits here until closeTimeoutMs: use break.)
      if (this.#bodyRunning)
        await Promise.race([new Promise<void>((resolve) => this.#bodyWaiters.push(resolve)), limit]);
      await Promise.race([
        this.#commitFinished().catch((error: unknown) => this.#log.warn({}, `Final commit failed: ${String(error)}`)),
        limit,
      ]);
      await Promise.race([kafka.disconnect(), limit]);
    }
    await this.#deadLetters?.close();
    const owned = [...this.#assigned.values()].filter((p) => p.topic === this.#options.connection.topic);
    await this.#gaps?.close(owned.map((p) => p.partition));
    this.#refillRoom?.();
    if (this.#state !== 'failed') this.#state = 'closed';
  }

  /**
   * Closes the consumer gracefully on SIGTERM or SIGINT (what a container platform sends on
   * shutdown): the `for await` loop ends after the current body, finished records are committed
   * and the member leaves the group. A second signal of the same kind is no longer caught, so it
   * ends the process the default way. Returns a function that removes the handlers.
   *
   * @example
   * ```ts
   * const consumer = createTelemetryConsumer({ connection, groupId: 'ingest' });
   * consumer.handleSignals();
   * for await (const record of consumer) await save(record.value);
   * // reached after SIGTERM, with offsets committed
   * ```
   */
  handleSignals(signals: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT']): () => void {
    const handlers = signals.map((signal) => {
      const handler = (): void => {
        this.#log.info({ signal }, `Received ${signal}; closing`);
        void this.close();
      };
      process.once(signal, handler);
      return [signal, handler] as const;
    });
    return () => {
      for (const [signal, handler] of handlers) process.removeListener(signal, handler);
    };
  }

  /** Same as {@link TelemetryConsumer.close}, for `await using`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
