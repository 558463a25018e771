import type { PendingGap } from './pending-gap.js';

/** One inverter's window inside a {@link RefillScan} (exclusive bounds, telemetry time, epoch ms). */
export interface RefillGap {
  serialNumber: string;
  partition: number;
  fromMs: number;
  toMs: number;
}

/**
 * One read of the log to run: every partition in `partitions`, telemetry times strictly between
 * `fromMs` and `toMs`, delivering only the records a gap in `gaps` wants. Times are telemetry
 * times: a reader resolves Kafka offsets with some slack for producer delay.
 */
export interface RefillScan {
  id: number;
  partitions: readonly number[];
  fromMs: number;
  toMs: number;
  gaps: readonly RefillGap[];
}

/** Appends `value` to the list under `key`. */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The planner's working copy of a scan: queued, then running. */
export class PlannedScan {
  readonly id: number;
  /** The partition read, or -1 for all of them. */
  readonly key: number;
  readonly createdAtMs: number;
  readonly gaps: PendingGap[] = [];
  /** Union of the gaps' windows, kept up to date so that merging stays linear in scans. */
  fromMs = Number.POSITIVE_INFINITY;
  toMs = Number.NEGATIVE_INFINITY;
  /** Built when the scan starts, to look up the records read by serial number. */
  bySerial: Map<string, PendingGap[]> | undefined;

  constructor(id: number, key: number, createdAtMs: number) {
    this.id = id;
    this.key = key;
    this.createdAtMs = createdAtMs;
  }

  /** Whether a window lies within `marginMs` of this scan's. */
  isNear(fromMs: number, toMs: number, marginMs: number): boolean {
    return fromMs <= this.toMs + marginMs && toMs >= this.fromMs - marginMs;
  }

  add(gap: PendingGap): void {
    this.gaps.push(gap);
    this.fromMs = Math.min(this.fromMs, gap.windowFrom);
    this.toMs = Math.max(this.toMs, gap.windowTo);
  }

  /** Removes a gap, or refreshes the bounds after one shrank (`gap` undefined). */
  refresh(removed?: PendingGap): void {
    if (removed) this.gaps.splice(this.gaps.indexOf(removed), 1);
    this.fromMs = Number.POSITIVE_INFINITY;
    this.toMs = Number.NEGATIVE_INFINITY;
    for (const gap of this.gaps) {
      this.fromMs = Math.min(this.fromMs, gap.windowFrom);
      this.toMs = Math.max(this.toMs, gap.windowTo);
    }
  }

  /** Freezes the windows to read and returns what the executor sees. */
  start(partitions: readonly number[]): RefillScan {
    this.bySerial = new Map();
    for (const gap of this.gaps) pushTo(this.bySerial, gap.serialNumber, gap);
    const gaps = this.gaps.map((gap) => ({
      serialNumber: gap.serialNumber,
      partition: gap.partition,
      fromMs: gap.windowFrom,
      toMs: gap.windowTo,
    }));
    return { id: this.id, partitions, fromMs: this.fromMs, toMs: this.toMs, gaps };
  }
}
