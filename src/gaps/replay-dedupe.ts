import type { Item } from '../records/to-items.js';
import { DedupeWindow } from './dedupe-window.js';

/** A reading as a side reader decodes it. */
export type ReadingItem<T> = Extract<Item<T>, { kind: 'record' }>;

/** The time a replay knows a reading by: its telemetry time, or its record time without one. */
export function readingTimeMs<T>(item: ReadingItem<T>): number {
  return item.timeMs ?? item.record.timestamp.getTime();
}

/**
 * How a replay drops readings it already handed out, shared by `TelemetryConsumer#replay()` and
 * `goodwe-kafka replay` so both print the same readings: on (serial number, telemetry time), over
 * every partition, remembering the last few distinct times per inverter (see {@link DedupeWindow}:
 * when in doubt a reading is handed out, never dropped).
 */
export class ReplayDedupe {
  readonly #window = new DedupeWindow();

  /** Whether this reading was handed out earlier in the replay; remembers it if not. */
  repeats<T>(partition: number, item: ReadingItem<T>): boolean {
    return this.#window.seen(partition, item.serialNumber, readingTimeMs(item));
  }
}
