import type { MessageDecoder } from '../records/message-decoder.js';
import type { TelemetryRecord } from '../records/telemetry-record.js';
import type { Logger } from '../internal/logger.js';
import type { ClientConfig } from '../kafka/client-config.js';
import { DedupeWindow } from './dedupe-window.js';
import { GapDetector } from './gap-detector.js';
import { GapEventQueue } from './gap-event-queue.js';
import type { ResolvedGapOptions } from './gap-options.js';
import type { GapEvent } from './gap-outcome.js';
import { readWindow } from './read-window.js';
import { readingFingerprint } from './reading-fingerprint.js';
import { rebuildFromLog, type LookbackReading, type RebuildOptions } from './rebuild-from-log.js';
import { RefillPlanner } from './refill-planner.js';
import type { GapStateEntry } from './gap-state-store.js';
import type { PendingGap } from './pending-gap.js';
import type { RefillScan } from './refill-scan.js';
import { SerialIndex } from './serial-index.js';

/** What gap recovery needs from the consumer it serves. */
export interface GapRecoveryContext<T> {
  topic: string;
  partitionCount: number;
  clientConfig: () => Promise<ClientConfig>;
  decode: MessageDecoder<T>;
  logger: Logger;
  timeoutMs: number;
  /** Hands a refilled record to the iterator; resolves when there is room for more. */
  deliver: (record: TelemetryRecord<T>, serialNumber: string, timeMs: number) => Promise<void>;
  /**
   * Reads the lookback before a committed offset, streamed a batch at a time (or all at once); a
   * side reader over Kafka unless a test gives another.
   */
  readLookback?: (
    options: RebuildOptions<T>,
  ) => AsyncIterable<readonly LookbackReading[]> | Promise<readonly LookbackReading[]>;
}

/** What gap recovery looks at of a live record besides its serial number and time. */
export interface LiveReading {
  /** The payload as decoded, for the content fingerprint. */
  raw: Readonly<Record<string, unknown>>;
  /** Kafka record time (publish time). */
  timestamp: Date;
}

/** Counters of gap recovery, part of the consumer's `stats()`. */
export interface GapStats {
  /** Readings dropped because the same (serial number, telemetry time) was already delivered. */
  duplicatesDropped: number;
  /** Gaps detected. */
  gapsFound: number;
  /** Gaps that ended `refilled`. */
  gapsRefilled: number;
  /** Gaps that ended `partial`. */
  gapsPartial: number;
  /** Gaps that ended `not-in-log`. */
  gapsNotInLog: number;
  /** Gaps that ended `beyond-retention`. */
  gapsBeyondRetention: number;
  /** Gaps that ended `unresolved`: the consumer closed before their refill finished, with no store. */
  gapsUnresolved: number;
  /**
   * Gaps handed to the `GapStateStore` at close, their refill not finished: the next run to load
   * their partition ends them. Every gap found is counted once in an outcome or here.
   */
  gapsHandedOver: number;
  /** Gaps handed over by an earlier run and taken up by this one (their outcome is counted here). */
  gapsResumed: number;
  /** Refill scans started. */
  refillScans: number;
  /** Readings delivered by refill scans. */
  refilledRecords: number;
}

/** All gap counters at zero. */
export function emptyGapStats(): GapStats {
  return {
    duplicatesDropped: 0,
    gapsFound: 0,
    gapsRefilled: 0,
    gapsPartial: 0,
    gapsNotInLog: 0,
    gapsBeyondRetention: 0,
    gapsUnresolved: 0,
    gapsHandedOver: 0,
    gapsResumed: 0,
    refillScans: 0,
    refilledRecords: 0,
  };
}

// Record times are publish times; telemetry times can lag them by this much.
const slackMs = 10 * 60_000;
const maxScanAttempts = 3;

/**
 * Per-inverter gap detection, de-duplication and refill from the log for one consumer: the pure
 * detector, dedupe window and refill planner, driven by the live records and a side reader that
 * never joins the group or commits.
 */
export class GapRecovery<T> {
  readonly #options: ResolvedGapOptions;
  readonly #context: GapRecoveryContext<T>;
  readonly #index: SerialIndex;
  readonly #detector: GapDetector;
  readonly #dedupe: DedupeWindow | undefined;
  readonly #planner: RefillPlanner;
  readonly #events = new GapEventQueue();
  readonly #abort = new AbortController();
  readonly #attempts = new Map<number, number>();
  readonly #scanAborts = new Map<number, AbortController>();
  // Partitions assigned here (rebuilt and not dropped): a scan of every partition delivers only
  // what it finds on these; the rest is their owners' to deliver.
  readonly #assigned = new Set<number>();
  readonly #running = new Set<Promise<void>>();
  readonly #saving = new Map<number, Promise<void>>();
  #wake: (() => void) | undefined;
  #loop: Promise<void> | undefined;
  readonly stats: GapStats = emptyGapStats();

  constructor(options: ResolvedGapOptions, context: GapRecoveryContext<T>) {
    this.#options = options;
    this.#context = context;
    this.#index = new SerialIndex({ maxSerials: options.maxTrackedInverters });
    this.#detector = new GapDetector({
      index: this.#index,
      toleranceFactor: options.toleranceFactor,
      ...(options.expectedIntervalMs ? { expectedIntervalMs: options.expectedIntervalMs } : {}),
    });
    this.#dedupe = options.dedupe ? new DedupeWindow({ index: this.#index, depth: options.dedupeDepth }) : undefined;
    this.#planner = new RefillPlanner({
      // A topic keyed by serial number keeps each inverter on one partition: scan only that one.
      keyedBySerial: true,
      partitionCount: context.partitionCount,
      mergeWithinMs: options.mergeWithinMs,
      settleMs: options.settleMs,
      maxConcurrentScans: options.maxConcurrentScans,
      maxScansPerSecond: options.maxScansPerSecond,
      toleranceFactor: options.toleranceFactor,
    });
    this.#planner.owns = (partition) => this.#assigned.has(partition);
    if (options.refill) this.#loop = this.#runScans();
  }

  /**
   * Takes a live reading: returns true when it is a duplicate to drop, otherwise tracks it and
   * plans a refill when it reveals a gap. With `record` (its payload and Kafka time), a reading is
   * a duplicate only when its content matches too (see {@link readingFingerprint}), and on a topic
   * not keyed by serial number a gap it ends can be told from interleaving; without it, dedupe is
   * on (serial number, time) alone.
   */
  observeLive(partition: number, serialNumber: string, timeMs: number, record?: LiveReading): boolean {
    const fingerprint = record ? readingFingerprint(record.raw) : 0;
    if (this.#dedupe?.seen(partition, serialNumber, timeMs, fingerprint)) {
      this.stats.duplicatesDropped++;
      return true;
    }
    const gap = this.#detector.observe(partition, serialNumber, timeMs);
    this.#checkKeying();
    if (gap && this.#options.refill && !this.#planner.keyedBySerial) {
      // Possibly only this inverter's readings on other partitions, not read yet or read by another
      // member: counted as a gap once a scan of every partition finds a hole in the whole log.
      this.#planner.enqueue(gap, 0, record?.timestamp.getTime());
      this.#wake?.();
    } else if (gap) {
      this.stats.gapsFound++;
      this.#context.logger.debug({ serialNumber, partition, from: gap.from, to: gap.to }, 'Gap detected');
      if (this.#options.refill) {
        this.#planner.enqueue(gap, 0, record?.timestamp.getTime());
        this.#wake?.();
      }
    }
    if (this.#options.refill) {
      const closed = this.#planner.noteLiveReading(serialNumber, timeMs);
      if (closed) this.#emit(closed);
    }
    return false;
  }

  /**
   * Switches to a topic not keyed by serial number the first time an inverter shows up on a second
   * partition: gaps are then read on every partition and confirmed by that read.
   */
  #checkKeying(): void {
    if (this.#index.spread === 0 || !this.#planner.keyedBySerial) return;
    if (this.#options.refill) this.stats.gapsFound -= this.#planner.assumeUnkeyed();
    this.#context.logger.warn(
      { topic: this.#context.topic },
      `Topic ${this.#context.topic} is not keyed by serial number: an inverter's readings arrive on several ` +
        'partitions. Gap refill now reads every partition, and a jump in the readings this consumer sees counts ' +
        'as a gap only once that read shows the readings are missing from the whole log. With several group ' +
        'members each sees only its partitions; a gap is reported by the member that received the reading ' +
        'ending it, and readings are refilled by the member owning their partition. See docs/recovering-data.md.',
    );
  }

  /**
   * A refilled reading is about to be handed out: true when the same reading was handed out
   * meanwhile (its live copy, or another scan's), and it must be dropped; otherwise it now counts
   * as seen.
   */
  claimRefilled(
    partition: number,
    serialNumber: string,
    timeMs: number,
    raw: Readonly<Record<string, unknown>>,
  ): boolean {
    if (!this.#dedupe?.seen(partition, serialNumber, timeMs, readingFingerprint(raw))) return false;
    this.stats.duplicatesDropped++;
    return true;
  }

  /** Tells whether a replayed reading was already delivered, without tracking it. */
  isKnownDuplicate(serialNumber: string, timeMs: number, raw?: Readonly<Record<string, unknown>>): boolean {
    return this.#dedupe?.has(serialNumber, timeMs, raw ? readingFingerprint(raw) : 0) ?? false;
  }

  /**
   * Rebuilds a newly assigned partition's state: from the state store when it has some, else by
   * reading the `lookbackMs` before the committed offset, so a gap across a restart or a
   * rebalance is still found and no false one is raised. `isCurrent` tells whether the partition
   * still has the assignment the rebuild started for: when it was revoked or seeked meanwhile,
   * what was read is dropped.
   */
  async rebuild(partition: number, committed: string | undefined, isCurrent: () => boolean): Promise<void> {
    const { store } = this.#options;
    this.#assigned.add(partition);
    // A save of this partition's state from its previous assignment may still be on its way.
    await this.#saving.get(partition);
    const saved = store ? await store.load(this.#context.topic, partition) : [];
    if (!isCurrent()) return;
    if (saved.length > 0) {
      this.#detector.restore(partition, saved);
      this.#resume(partition, saved);
      return;
    }
    if (committed === undefined || BigInt(committed) <= 0n) return;
    const lookback = (this.#context.readLookback ?? rebuildFromLog)({
      config: await this.#context.clientConfig(),
      topic: this.#context.topic,
      partition,
      endOffset: committed,
      lookbackMs: this.#options.lookbackMs,
      decode: this.#context.decode,
      timeoutMs: this.#context.timeoutMs,
      signal: this.#abort.signal,
    });
    if (lookback instanceof Promise) {
      this.#applyLookback(partition, await lookback, isCurrent);
      return;
    }
    // Each batch goes straight into the detector and the dedupe window, so that only what they
    // keep stays in memory. The partition's live records wait for the rebuild, so nothing
    // interleaves; a revoke or seek meanwhile clears what was applied, and the read stops.
    for await (const readings of lookback) if (!this.#applyLookback(partition, readings, isCurrent)) break;
  }

  /** Applies lookback readings while the assignment is current; false once it is not. */
  #applyLookback(partition: number, readings: readonly LookbackReading[], isCurrent: () => boolean): boolean {
    if (!isCurrent()) return false;
    for (const { serialNumber, timeMs, fingerprint } of readings) {
      this.#detector.rebuild(partition, serialNumber, timeMs);
      this.#dedupe?.seen(partition, serialNumber, timeMs, fingerprint ?? 0);
    }
    this.#checkKeying();
    return true;
  }

  /** Queues the refill of the gaps an earlier run handed over with a partition's state. */
  #resume(partition: number, saved: readonly GapStateEntry[]): void {
    if (!this.#options.refill) return;
    for (const { serialNumber, openGaps } of saved) {
      for (const { fromMs, toMs, cadenceMs, recovered } of openGaps ?? []) {
        this.#planner.enqueue({ serialNumber, partition, from: fromMs, to: toMs, cadenceMs }, recovered);
        this.stats.gapsResumed++;
      }
    }
    this.#wake?.();
  }

  /**
   * Forgets a revoked partition's inverters at once (it may come back and be rebuilt before a
   * save finishes), saving their state first when a store is set. With a store, the gaps revealed
   * on the partition whose refill has not finished go with the state (counted in
   * `gapsHandedOver`): the next consumer to load the partition refills them and sends their
   * events. Without one, their refill goes on here.
   */
  dropPartition(partition: number): Promise<void> {
    const { store } = this.#options;
    this.#assigned.delete(partition);
    let snapshot: GapStateEntry[] | undefined;
    if (store) {
      // The partition's gaps still open move with it: the next owner refills them.
      const open = this.#planner.drainPartition(partition);
      for (const id of open.scans) this.#scanAborts.get(id)?.abort();
      this.stats.gapsHandedOver += open.gaps.length;
      snapshot = withOpenGaps(this.#detector.snapshot(partition), open.gaps);
    }
    this.#index.dropPartition(partition);
    if (!store || !snapshot) return Promise.resolve();
    const saving = store
      .save(this.#context.topic, partition, snapshot)
      .catch((error: unknown) => this.#context.logger.warn({ partition }, `Saving gap state failed: ${String(error)}`))
      .finally(() => {
        if (this.#saving.get(partition) === saving) this.#saving.delete(partition);
      });
    this.#saving.set(partition, saving);
    return saving;
  }

  /** Forgets a partition's inverters without saving: its position moved (a seek). */
  resetPartition(partition: number): void {
    this.#index.dropPartition(partition);
  }

  /** Every gap's final event, as an async iterator. */
  events(): AsyncIterableIterator<GapEvent> {
    return this.#events.iterate();
  }

  async #runScans(): Promise<void> {
    const signal = this.#abort.signal;
    while (!signal.aborted) {
      const scan = this.#planner.next();
      if (scan) {
        const running = this.#runScan(scan).finally(() => {
          this.#running.delete(running);
          this.#wake?.();
        });
        this.#running.add(running);
        continue;
      }
      const waitMs = Math.min(this.#planner.nextReadyInMs() ?? 1000, 1000);
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
        setTimeout(resolve, Math.max(10, waitMs)).unref();
      });
      this.#wake = undefined;
    }
  }

  async #runScan(scan: RefillScan): Promise<void> {
    this.stats.refillScans++;
    const started = Date.now();
    const abort = new AbortController();
    this.#scanAborts.set(scan.id, abort);
    const signal = AbortSignal.any([this.#abort.signal, abort.signal]);
    try {
      const window = readWindow({
        config: await this.#context.clientConfig(),
        topic: this.#context.topic,
        partitions: scan.partitions,
        fromMs: scan.fromMs,
        toMs: scan.toMs,
        slackMs,
        decode: this.#context.decode,
        source: 'refill',
        timeoutMs: this.#context.timeoutMs,
        signal,
      });
      let next = await window.next();
      while (!next.done) {
        for (const item of next.value.items) {
          // Its gaps were handed over with their partition: the new owner reads the window.
          if (signal.aborted) break;
          if (item.kind !== 'record' || item.timeMs === undefined) continue;
          if (!this.#planner.wants(scan, item.serialNumber, item.timeMs)) continue;
          const { partition, timestamp } = item.record;
          const fingerprint = readingFingerprint(item.record.raw);
          if (this.#planner.isSuspect(scan, item.serialNumber, item.timeMs)) {
            // Delivered only from a partition owned here, and only if new; another member's
            // partition is its owner's to deliver, and only tells whether the gap is one.
            const delivered =
              this.#assigned.has(partition) && !this.#dedupe?.has(item.serialNumber, item.timeMs, fingerprint);
            const publishedMs = timestamp.getTime();
            this.#planner.noteSeen(scan, item.serialNumber, { timeMs: item.timeMs, publishedMs, partition, delivered });
            if (!delivered) continue;
          } else {
            // Only looked up here: the reading counts as seen when it is handed out (claimRefilled),
            // so a live copy still waiting in the queue is never dropped for a refill copy behind it.
            if (this.#dedupe?.has(item.serialNumber, item.timeMs, fingerprint)) continue;
            this.#planner.recordFound(scan, item.serialNumber, item.timeMs);
          }
          this.stats.refilledRecords++;
          await this.#context.deliver(item.record, item.serialNumber, item.timeMs);
        }
        next = await window.next();
      }
      this.#complete(scan, next.value.earliestRetainedMs);
      this.#context.logger.debug(
        { scan: scan.id, partitions: scan.partitions, gaps: scan.gaps.length, ms: Date.now() - started },
        'Refill scan finished',
      );
    } catch (error) {
      if (signal.aborted) return;
      const attempts = (this.#attempts.get(scan.id) ?? 0) + 1;
      this.#attempts.set(scan.id, attempts);
      this.#context.logger.warn({ scan: scan.id, attempts }, `Refill scan failed: ${String(error)}`);
      if (attempts < maxScanAttempts) this.#planner.retry(scan);
      else this.#complete(scan);
    } finally {
      this.#scanAborts.delete(scan.id);
    }
  }

  #complete(scan: RefillScan, earliestRetainedMs?: ReadonlyMap<number, number>): void {
    const events = this.#planner.complete(scan, earliestRetainedMs);
    this.stats.gapsFound += this.#planner.takeConfirmed();
    for (const event of events) this.#emit(event);
  }

  #emit(event: GapEvent): void {
    if (event.outcome === 'refilled') this.stats.gapsRefilled++;
    else if (event.outcome === 'partial') this.stats.gapsPartial++;
    else if (event.outcome === 'not-in-log') this.stats.gapsNotInLog++;
    else if (event.outcome === 'unresolved') this.stats.gapsUnresolved++;
    else this.stats.gapsBeyondRetention++;
    this.#context.logger.info(
      {
        serialNumber: event.serialNumber,
        partition: event.partition,
        outcome: event.outcome,
        recovered: event.recovered,
      },
      `Gap ${event.from.toISOString()} to ${event.to.toISOString()}: ${event.outcome}`,
    );
    try {
      const result: unknown = this.#options.onGap?.(event);
      if (result instanceof Promise)
        result.catch((error: unknown) => this.#context.logger.warn({}, `onGap threw: ${String(error)}`));
    } catch (error) {
      this.#context.logger.warn({}, `onGap threw: ${String(error)}`);
    }
    this.#events.push(event);
  }

  /**
   * Stops scanning and ends `events()`. Saves the state of `partitions` when a store is set. No
   * gap found goes without an outcome: with a store, a gap whose refill did not finish was handed
   * over with its partition's state (see {@link dropPartition}); any other ends now as `unresolved`.
   */
  async close(partitions: readonly number[]): Promise<void> {
    this.#abort.abort();
    this.#wake?.();
    await this.#loop;
    await Promise.allSettled(this.#running);
    for (const partition of partitions) await this.dropPartition(partition);
    for (const gap of this.#planner.drain()) this.#emit(gap.toUnresolvedEvent());
    this.#assigned.clear();
    await Promise.allSettled(this.#saving.values());
    this.#events.end();
  }
}

/** A partition's snapshot with its open gaps attached to their inverters' entries. */
function withOpenGaps(snapshot: GapStateEntry[], gaps: readonly PendingGap[]): GapStateEntry[] {
  if (gaps.length === 0) return snapshot;
  const bySerial = new Map(snapshot.map((entry) => [entry.serialNumber, entry]));
  for (const gap of gaps) {
    let entry = bySerial.get(gap.serialNumber);
    if (!entry) {
      entry = { serialNumber: gap.serialNumber, lastTimeMs: gap.to, cadenceMs: gap.cadenceMs };
      bySerial.set(gap.serialNumber, entry);
      snapshot.push(entry);
    }
    const { from: fromMs, to: toMs, cadenceMs, recovered } = gap;
    (entry.openGaps ??= []).push({ fromMs, toMs, cadenceMs, recovered });
  }
  return snapshot;
}
