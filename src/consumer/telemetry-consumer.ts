import { ClosedError } from '../errors/closed-error.js';
import { isGoodweKafkaError } from '../errors/goodwe-kafka-error.js';
import { emptyGapStats } from '../gaps/gap-recovery.js';
import type { GapEvent } from '../gaps/gap-outcome.js';
import { silentLogger, type Logger } from '../internal/logger.js';
import type { GroupConsumer } from '../kafka/group-consumer.js';
import { toClientConfig } from '../kafka/connection-config.js';
import { toGoodweError } from '../kafka/map-error.js';
import type { MessageDecoder } from '../records/message-decoder.js';
import type { InvalidTelemetryRecord, TelemetryRecord } from '../records/telemetry-record.js';
import type { ConsumerOptions } from './consumer-options.js';
import { partitionStats, type ConsumerHealth, type ConsumerStats } from './consumer-stats.js';
import { closeOnSignals } from './handle-signals.js';
import { DeliveryQueue } from './delivery-queue.js';
import { HealthMonitor } from './health-monitor.js';
import { InvalidHandler } from './invalid-handler.js';
import { PartitionLedger } from './partition-ledger.js';
import { RecordStream } from './record-stream.js';
import { replayWindow, type ReplayOptions } from './replay-window.js';
import { seekToTime } from './seek-to-time.js';
import type { SeekResult } from './seek-result.js';
import { shutDown } from './shut-down.js';
import { UserCallbacks } from './user-callbacks.js';
import { startCore, type ConsumerCore, type ConsumerDeps } from './consumer-core.js';

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
  readonly #deps: ConsumerDeps<T>;
  readonly #log: Logger;
  readonly #ledger = new PartitionLedger();
  readonly #queue: DeliveryQueue<T>;
  readonly #callbacks: UserCallbacks;
  readonly #invalid: InvalidHandler;
  readonly #health: HealthMonitor;
  readonly #stream: RecordStream<T>;
  readonly #counts = { consumed: 0, messages: 0, dataLoss: 0 };
  readonly #body = { running: false, waiters: [] as (() => void)[] };
  /** The client, as soon as it exists (before connecting ends, so `close()` can reach it). */
  #kafka: GroupConsumer | undefined;
  #core: ConsumerCore<T> | undefined;
  #fatal: Error | undefined;
  #started: Promise<void> | undefined;
  #closing: Promise<void> | undefined;
  #iterating = false;
  #stopListening: () => void = () => undefined;

  /** @internal Use `createTelemetryConsumer`. */
  constructor(options: ConsumerOptions, decode: MessageDecoder<T>, deps: ConsumerDeps<T>) {
    this.#options = options;
    this.#decode = decode;
    this.#deps = deps;
    const { clock } = deps;
    this.#log = options.logger ?? silentLogger;
    this.#queue = new DeliveryQueue(options.maxBufferedRecords, options.maxBufferedBytes);
    this.#callbacks = new UserCallbacks(this.#log);
    this.#invalid = new InvalidHandler(options, this.#log, (error) => this.#fail(error));
    this.#health = new HealthMonitor({
      clock,
      logger: this.#log,
      maxUnavailableMs: options.maxUnavailableMs,
      stallTimeoutMs: options.stallTimeoutMs,
      brokers: options.connection.bootstrapServers.join(','),
      probe: () => this.#kafka?.probe(options.connection.topic, 1000) ?? Promise.reject(new Error('not connected')),
      totalLag: () => this.stats().partitions.reduce((sum, p) => sum + (p.lag ?? 0), 0),
      fail: (error) => this.#fail(error),
    });
    this.#stream = new RecordStream(this.#queue, this.#ledger, {
      gapTopic: options.connection.topic,
      gaps: () => this.#core?.gaps,
      invalid: this.#invalid,
      checkFailed: () => {
        if (this.#fatal) throw this.#fatal;
      },
      isClosing: () => this.#closing !== undefined,
    });
    const { signal } = options;
    if (signal?.aborted) void this.close();
    else if (signal) {
      const onAbort = (): void => void this.close();
      signal.addEventListener('abort', onAbort, { once: true });
      this.#stopListening = () => signal.removeEventListener('abort', onAbort);
    }
  }

  /** Iterates the records. Leaving the loop (break, return, an exception) closes the consumer. */
  [Symbol.asyncIterator](): AsyncIterator<Y> {
    if (this.#iterating)
      throw new ClosedError('This consumer is already being iterated; use one for-await loop per consumer.');
    // Closed by its abort signal (even before iteration began): the loop just ends, as it does
    // when the signal aborts mid-way. Closed by close(): that is a mistake worth an error.
    if (this.#closing && !this.#options.signal?.aborted)
      throw new ClosedError('This consumer is closed; create a new one.');
    this.#iterating = true;
    return this.#iterate() as AsyncIterator<Y>;
  }

  async *#iterate(): AsyncGenerator<TelemetryRecord<T> | InvalidTelemetryRecord> {
    try {
      if (this.#closing) return;
      await this.#start();
      for (;;) {
        const record = await this.#stream.next();
        if (record === undefined) return;
        this.#counts.consumed++;
        this.#health.delivered();
        this.#body.running = true;
        try {
          yield record;
        } finally {
          this.#body.running = false;
          for (const resolve of this.#body.waiters.splice(0)) resolve();
        }
        // Resumed: the loop body has finished with the record.
        this.#stream.release();
      }
    } finally {
      // The record in hand when the loop ends early is left uncommitted: an iterator cannot tell a
      // `break` from an exception in the body, and committing after an exception would lose it.
      await this.close();
    }
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
    this.#core = await startCore({
      options: this.#options,
      decode: this.#decode,
      deps: this.#deps,
      logger: this.#log,
      ledger: this.#ledger,
      queue: this.#queue,
      health: this.#health,
      callbacks: this.#callbacks,
      counts: this.#counts,
      created: (kafka) => (this.#kafka = kafka),
      onFault: (fault) => this.#health.fault(fault),
      isStopped: () => this.#closing !== undefined || this.#fatal !== undefined,
    });
    if (this.#closing) for (const timer of this.#core.timers) clearInterval(timer);
    this.#health.running();
  }

  #fail(error: Error): void {
    if (this.#fatal) return;
    this.#fatal = isGoodweKafkaError(error) ? error : toGoodweError(error, { operation: 'Consuming' });
    this.#health.failed(this.#fatal);
    this.#log.error({ code: (this.#fatal as { code?: string }).code }, this.#fatal.message);
    this.#queue.wake();
  }

  /**
   * Every gap's final {@link GapEvent} (refilled, partial, not-in-log or beyond-retention), as an
   * async iterator that ends when the consumer closes. Gap events need `gaps: { refill: true }`;
   * without it gaps are only counted in `stats().gapsFound`. The same events reach `gaps.onGap`.
   */
  gaps(): AsyncIterableIterator<GapEvent> {
    if (!this.#core) throw new ClosedError('gaps() is available once iteration has started.');
    return this.#core.gaps.events();
  }

  /**
   * Moves the group's read position to a time: per partition, to the first record whose Kafka
   * time is at or after `date`; to the end when there is none; to the earliest retained record,
   * flagged `beforeRetention`, when `date` is before retention. Resolves once the seek has taken
   * effect: the next record yielded on each partition is at the resolved offset, and nothing
   * buffered from before leaks out. A seek supersedes a gap-state rebuild still running for the
   * partition. Seeking commits nothing by itself; records after it are `source: 'live'` and
   * committed as usual once their bodies finish.
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
    const core = this.#core!;
    return seekToTime(
      {
        kafka: core.kafka,
        ledger: this.#ledger,
        queue: this.#queue,
        pump: core.pump,
        gaps: core.gaps,
        gapTopic: this.#options.connection.topic,
        clientConfig: () => toClientConfig(this.#options.connection),
        logger: this.#log,
        timeoutMs: this.#options.connectTimeoutMs,
        checkFailed: () => {
          if (this.#fatal) throw this.#fatal;
        },
      },
      date.getTime(),
      options.partitions,
    );
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
    return this.#health.snapshot();
  }

  /** Counters, buffer use and lag per assigned partition. */
  stats(): ConsumerStats {
    const core = this.#core;
    return {
      ...this.#counts,
      ...this.#invalid.counts,
      ...(core?.gaps.stats ?? emptyGapStats()),
      commitFailures: core?.committer.counts.commitFailures ?? 0,
      callbackErrors: this.#callbacks.failures,
      buffered: this.#queue.records + this.#queue.refills,
      bufferedBytes: this.#queue.bytes,
      lastCommitAt: core?.committer.lastCommitAt,
      partitions: partitionStats(this.#ledger, this.#kafka),
    };
  }

  /**
   * Stops fetching, commits every record whose loop body finished, leaves the group and
   * disconnects, within `closeTimeoutMs` whatever it is doing (a seek, a slow body). Idempotent;
   * safe to call from any state.
   */
  close(): Promise<void> {
    if (!this.#closing) {
      this.#stopListening();
      for (const timer of this.#core?.timers ?? []) clearInterval(timer);
      this.#closing = shutDown({
        timeoutMs: this.#options.closeTimeoutMs,
        logger: this.#log,
        started: this.#started,
        pump: () => this.#core?.pump,
        fetchLoop: () => this.#core?.fetchLoop,
        bodyFinished: () =>
          this.#body.running ? new Promise<void>((resolve) => this.#body.waiters.push(resolve)) : undefined,
        committer: () => this.#core?.committer,
        kafka: () => this.#kafka,
        invalid: this.#invalid,
        gaps: () => this.#core?.gaps,
        gapPartitions: () => this.#ledger.partitions().filter((p) => p.topic === this.#options.connection.topic),
        queue: this.#queue,
      }).finally(() => this.#health.closed());
    }
    this.#queue.wake();
    return this.#closing;
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
    return closeOnSignals(() => this.close(), this.#log, signals);
  }

  /** Same as {@link TelemetryConsumer.close}, for `await using`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
