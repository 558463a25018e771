import { ClosedError } from '../errors/closed-error.js';
import { isGoodweKafkaError } from '../errors/goodwe-kafka-error.js';
import type { GapEvent } from '../gaps/gap-outcome.js';
import { silentLogger, type Logger } from '../internal/logger.js';
import type { GroupConsumer } from '../kafka/group-consumer.js';
import { toGoodweError } from '../kafka/map-error.js';
import type { MessageDecoder } from '../records/message-decoder.js';
import type { InvalidTelemetryRecord, TelemetryRecord } from '../records/telemetry-record.js';
import type { ConsumerOptions } from './consumer-options.js';
import { consumerStats, partitionStats, type ConsumerHealth, type ConsumerStats } from './consumer-stats.js';
import { closeOnAbort, closeOnSignals } from './handle-signals.js';
import { createParts, type ConsumerParts } from './consumer-parts.js';
import { parseBatchOptions, type BatchOptions } from './batch-options.js';
import { collectBatch } from './collect-batch.js';
import { replayWindow, type ReplayOptions } from './replay-window.js';
import type { SeekResult } from './seek-result.js';
import { shutDown } from './shut-down.js';
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
  readonly #parts: ConsumerParts<T>;
  #stopListening: () => void = () => undefined;
  /** The client, as soon as it exists (before connecting ends, so `close()` can reach it). */
  #kafka: GroupConsumer | undefined;
  #core: ConsumerCore<T> | undefined;
  #fatal: Error | undefined;
  #started: Promise<void> | undefined;
  #closing: Promise<void> | undefined;
  #iterating = false;
  #coreWaiters: ((core: ConsumerCore<T> | undefined) => void)[] = [];

  /** @internal Use `createTelemetryConsumer`. */
  constructor(options: ConsumerOptions, decode: MessageDecoder<T>, deps: ConsumerDeps<T>) {
    this.#options = options;
    this.#decode = decode;
    this.#deps = deps;
    this.#log = options.logger ?? silentLogger;
    this.#parts = createParts(options, decode, deps, this.#log, {
      kafka: () => this.#kafka,
      gaps: () => this.#core?.gaps,
      partitions: () => this.stats().partitions,
      fail: (error) => this.#fail(error),
      checkFailed: this.#checkFailed,
      isClosing: () => this.#closing !== undefined,
    });
    this.#stopListening = closeOnAbort(options.signal, () => this.close());
  }

  /** Iterates the records. Leaving the loop (break, return, an exception) closes the consumer. */
  [Symbol.asyncIterator](): AsyncIterator<Y> {
    // No deadline: next() never gives up with TIMED_OUT here.
    const take = (): Promise<TelemetryRecord<T> | InvalidTelemetryRecord | undefined> =>
      this.#parts.stream.next() as Promise<TelemetryRecord<T> | InvalidTelemetryRecord | undefined>;
    return this.#claim(this.#loop(take, 1));
  }

  /**
   * Iterates the records in batches, for writing them to a database together: a batch is yielded
   * when it has `maxRecords` records (or `maxBytes` of messages), or `maxWaitMs` after its first
   * record. Every offset of a batch is committed only after the body that received the batch has
   * finished (the loop asks for the next batch, or the consumer is closed from outside): a crash
   * while writing a batch loses nothing. Collecting records inside a `for await` body and writing
   * them later is not safe, since each record is committable once the loop asks for the next: use
   * this instead. All other guarantees are those of the record loop. Use one loop per consumer.
   *
   * @example
   * ```ts
   * for await (const batch of consumer.batches({ maxRecords: 1000, maxWaitMs: 1000 })) {
   *   await db.upsertMany(batch.map((record) => record.value)); // committed after this body
   * }
   * ```
   */
  batches(options: BatchOptions): AsyncIterable<Y[]> {
    const parsed = parseBatchOptions(options);
    const take = (): Promise<(TelemetryRecord<T> | InvalidTelemetryRecord)[] | undefined> =>
      collectBatch(this.#parts.stream, parsed);
    return { [Symbol.asyncIterator]: () => this.#claim(this.#loop(take, (batch) => batch.length)) };
  }

  #claim<V>(iterator: AsyncGenerator<V>): AsyncIterator<Y> & AsyncIterator<Y[]> {
    if (this.#iterating) throw new ClosedError('This consumer is already being iterated; use one loop per consumer.');
    // Closed by its abort signal (even before iteration began): the loop just ends, as it does
    // when the signal aborts mid-way. Closed by close(): that is a mistake worth an error.
    if (this.#closing && !this.#options.signal?.aborted)
      throw new ClosedError('This consumer is closed; create a new one.');
    this.#iterating = true;
    return iterator as never;
  }

  /**
   * Hands out what `take` returns (a record, or a batch) until the consumer closes, and finishes
   * it once the body that received it has finished. What is in hand when the loop ends early is
   * left uncommitted: an iterator cannot tell a `break` from an exception in the body, and
   * committing after an exception would lose it.
   */
  async *#loop<V>(take: () => Promise<V | undefined>, count: number | ((v: V) => number)): AsyncGenerator<V> {
    try {
      if (this.#closing) return;
      await this.#start();
      for (;;) {
        const taken = await take();
        if (taken === undefined) return;
        this.#parts.counts.consumed += typeof count === 'number' ? count : count(taken);
        this.#parts.health.delivered();
        this.#parts.body.begin();
        try {
          yield taken;
        } finally {
          this.#parts.body.end();
        }
        this.#parts.stream.release();
      }
    } finally {
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
      parts: this.#parts,
      created: (kafka) => (this.#kafka = kafka),
      isStopped: () => this.#closing !== undefined || this.#fatal !== undefined,
      checkFailed: this.#checkFailed,
      fail: (error) => this.#fail(error),
    });
    for (const resolve of this.#coreWaiters.splice(0)) resolve(this.#core);
    if (this.#closing) for (const timer of this.#core.timers) clearInterval(timer);
    this.#parts.health.running();
  }

  readonly #checkFailed = (): void => {
    if (this.#fatal) throw this.#fatal;
  };

  #fail(error: Error): void {
    if (this.#fatal) return;
    this.#fatal = isGoodweKafkaError(error) ? error : toGoodweError(error, { operation: 'Consuming' });
    this.#parts.health.failed(this.#fatal);
    this.#log.error({ code: (this.#fatal as { code?: string }).code }, this.#fatal.message);
    this.#parts.queue.wake();
  }

  /**
   * Every gap's final {@link GapEvent} (refilled, partial, not-in-log or beyond-retention), as an
   * async iterator that ends when the consumer closes; it may be asked for before the loop starts.
   * Gap events need `gaps: { refill: true }`; without it gaps are only counted in
   * `stats().gapsFound`. The same events reach `gaps.onGap`.
   */
  gaps(): AsyncIterableIterator<GapEvent> {
    if (this.#core) return this.#core.gaps.events();
    // Asked for before the loop started: the events follow once connected (none if closed first).
    const connected = new Promise<ConsumerCore<T> | undefined>((resolve) => this.#coreWaiters.push(resolve));
    return (async function* () {
      const core = await connected;
      if (core) yield* core.gaps.events();
    })();
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
    return this.#core!.seek(date.getTime(), options.partitions);
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
    return this.#parts.health.snapshot();
  }

  /** Counters, buffer use and lag per assigned partition. */
  stats(): ConsumerStats {
    const core = this.#core;
    return consumerStats(
      { ...this.#parts.counts, ...this.#parts.invalid.counts, callbackErrors: this.#parts.callbacks.failures },
      {
        gaps: core?.gaps.stats,
        committer: core?.committer,
        paused: core?.pump.paused ?? false,
        queue: this.#parts.queue,
        partitions: partitionStats(this.#parts.ledger, this.#kafka),
        client: this.#kafka?.statistics(),
      },
    );
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
        core: () => this.#core,
        kafka: () => this.#kafka,
        parts: this.#parts,
        gapTopic: this.#options.connection.topic,
      }).finally(() => {
        this.#parts.health.closed();
        for (const resolve of this.#coreWaiters.splice(0)) resolve(this.#core);
      });
    }
    this.#parts.queue.wake();
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
