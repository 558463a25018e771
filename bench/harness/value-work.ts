import type { Buffer } from 'node:buffer';
import { decodeTelemetry } from '../../src/telemetry/decode-telemetry.js';

/**
 * What a peer contender does with each message value: `json` is the least a real consumer does
 * (`JSON.parse`, the client's own speed), `telemetry` is the work this library does per record
 * (`decodeTelemetry`: parse, normalise, validate), so its rows show typed telemetry speed.
 */
export type ValueWork = 'json' | 'telemetry';

/** The per-value work as a function returning a number to keep its result alive. */
export function valueWork(work: ValueWork | undefined): (value: Buffer) => number {
  if (work === 'telemetry') {
    return (value) => {
      const result = decodeTelemetry(value);
      if (!result.ok) throw result.error; // the benchmark topic holds only valid telemetry
      return result.records.length;
    };
  }
  return (value) => ((JSON.parse(value.toString('utf8')) as object) ? 1 : 0);
}
