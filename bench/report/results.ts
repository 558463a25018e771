import type { Contender } from '../contenders/contenders.js';
import type { Dataset } from '../harness/dataset.js';
import type { ContenderResult } from '../harness/contender-main.js';
import type { Machine } from '../harness/machine.js';
import type { ValueWork } from '../harness/value-work.js';
import type { FigureOutcome } from '../figures/figure.js';
import { spread, type Spread } from '../harness/spread.js';

/** A contender's runs and their spread; `errors` lists the runs that failed. */
export interface ContenderSummary {
  id: string;
  label: string;
  work: string;
  /** The client, and what it did per value (see {@link Contender}). */
  client: string;
  valueWork: ValueWork;
  runs: ContenderResult[];
  errors: string[];
  recordsPerSecond: Spread | undefined;
  cpuMicrosPerRecord: Spread | undefined;
  /** The JavaScript thread's part of `cpuMicrosPerRecord` (the rest is librdkafka's and V8's own threads). */
  mainThreadCpuMicrosPerRecord: Spread | undefined;
  peakRssBytes: Spread | undefined;
}

/** A figure's outcome, or why it could not be measured. */
export interface FigureSummary extends Partial<FigureOutcome> {
  id: string;
  title: string;
  target: string;
  error?: string;
}

/** Everything one run of the benchmark measured: what results.json holds. */
export interface BenchResults {
  date: string;
  quick: boolean;
  durationSeconds: number;
  machine: Machine;
  /** 1, 5 and 15 minute load averages when the run started and when it ended. */
  loadAverage: { start: number[]; end: number[] };
  /** Busy processes the run started beside the contenders (`--load`); 0 for none. */
  backgroundLoad?: number;
  broker: { backend: string; version: string | undefined };
  dataset: Dataset;
  runsPerContender: number;
  contenders: ContenderSummary[];
  figures: FigureSummary[];
}

/** A contender's summary from its runs. */
export function summarizeContender(contender: Contender, runs: ContenderResult[], errors: string[]): ContenderSummary {
  return {
    id: contender.id,
    label: contender.label,
    work: contender.work,
    client: contender.client,
    valueWork: contender.valueWork,
    runs,
    errors,
    recordsPerSecond: spread(runs.map((r) => r.recordsPerSecond)),
    cpuMicrosPerRecord: spread(runs.map((r) => r.cpuMicrosPerRecord)),
    mainThreadCpuMicrosPerRecord: spread(
      runs.flatMap((r) => (r.mainThreadCpuMicrosPerRecord === undefined ? [] : [r.mainThreadCpuMicrosPerRecord])),
    ),
    peakRssBytes: spread(runs.map((r) => r.peakRssBytes)),
  };
}
