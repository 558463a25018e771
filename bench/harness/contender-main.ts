import { childMain, within } from './child-main.js';
import { Meter, type Throughput } from './meter.js';
import type { ValueWork } from './value-work.js';

/** What the runner asks a contender to do: read `records` records of `topic` from the start. */
export interface ContenderJob {
  bootstrap: string;
  topic: string;
  records: number;
  /** A group no one used before, so reading starts at the earliest offset. */
  groupId: string;
  /** What a peer does with each value; this library's contenders always decode. */
  work: ValueWork;
}

/** What a contender reports back. */
export interface ContenderResult extends Throughput {
  /** False when the client did not close within the limit after the measurement. */
  closedCleanly: boolean;
}

/**
 * Reads the topic, handing every delivery to `meter.add`, and resolves once it has stopped and
 * closed its client (after `meter.done`).
 */
export type Consume = (job: ContenderJob, meter: Meter) => Promise<void>;

const closeLimitMs = 15_000;

/** Runs a contender as a child process: measures it, reports, and exits. */
export function contenderMain(consume: Consume): void {
  childMain<ContenderJob, ContenderResult>(async (job) => {
    const meter = new Meter(job.records);
    let failure: unknown;
    const run = consume(job, meter).then(
      () => true,
      (error: unknown) => {
        failure = error;
        return false;
      },
    );
    await Promise.race([meter.done, run]);
    if (meter.seen < job.records) throw failure ?? new Error(`Stopped after ${meter.seen} of ${job.records} records.`);
    const result = meter.result();
    // A client that fails or hangs while closing does not spoil a measurement already taken.
    const closedCleanly = await within(run, closeLimitMs, false);
    return { ...result, closedCleanly };
  });
}
