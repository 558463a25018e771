import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** What one measured read of the topic gave. */
export interface Throughput {
  /** Records counted between the first delivery and the last one (the first delivery excluded). */
  records: number;
  /** Wall-clock time from the first delivery to the last one. */
  seconds: number;
  recordsPerSecond: number;
  /** Process CPU time (user + system, every thread: librdkafka's too) per counted record, in µs. */
  cpuMicrosPerRecord: number;
  /** The JavaScript thread's share of it, in µs per record (Linux only). */
  mainThreadCpuMicrosPerRecord: number | undefined;
  /** Highest resident set size of the process, sampled and as the kernel reports it, in bytes. */
  peakRssBytes: number;
  /** Contender-specific numbers (for example the consumer's own counters), for the raw results. */
  extra: Record<string, number | string>;
}

interface Mark {
  at: number;
  cpu: NodeJS.CpuUsage;
  /** CPU time of the main (JavaScript) thread alone, in µs; undefined where /proc is missing. */
  mainThreadCpu: number | undefined;
}

// Linux's clock ticks per second for /proc times (USER_HZ), 100 on every mainstream build.
const ticksPerSecond = 100;

/** User + system time of the calling thread from /proc/thread-self/stat, in µs. */
function mainThreadCpuMicros(): number | undefined {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    // Fields after the parenthesised command name: state is field 3, utime 14 and stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / ticksPerSecond;
  } catch {
    return undefined;
  }
}

const mark = (): Mark => ({ at: performance.now(), cpu: process.cpuUsage(), mainThreadCpu: mainThreadCpuMicros() });

/**
 * Counts the records a contender hands over and times them: the clock starts at the first
 * delivery (connecting, joining the group and the first fetch are warm-up) and stops when the
 * expected number of records has been seen. The records of the first delivery are not counted,
 * since the clock only started when they were already there.
 */
export class Meter {
  readonly expected: number;
  /** Resolves once the expected number of records has been seen. */
  readonly done: Promise<void>;
  readonly extra: Record<string, number | string> = {};
  #seen = 0;
  #firstBatch = 0;
  #first: Mark | undefined;
  #last: Mark | undefined;
  #peakRss = 0;
  #finish!: () => void;
  readonly #sampler: NodeJS.Timeout;

  constructor(expected: number, sampleMs = 50) {
    this.expected = expected;
    this.done = new Promise((resolve) => (this.#finish = resolve));
    this.#sampler = setInterval(() => this.#sample(), sampleMs);
    this.#sampler.unref();
  }

  /** Records seen so far. */
  get seen(): number {
    return this.#seen;
  }

  /** Counts `count` delivered records; true once the expected number has been reached. */
  add(count: number): boolean {
    if (this.#last) return true;
    if (!this.#first) {
      this.#first = mark();
      this.#firstBatch = count;
    }
    this.#seen += count;
    if (this.#seen < this.expected) return false;
    this.#last = mark();
    this.#sample();
    clearInterval(this.#sampler);
    this.#finish();
    return true;
  }

  #sample(): void {
    const rss = process.memoryUsage.rss();
    if (rss > this.#peakRss) this.#peakRss = rss;
  }

  /** The measurement; only meaningful once {@link Meter.done} has resolved. */
  result(): Throughput {
    const first = this.#first;
    const last = this.#last;
    if (!first || !last) throw new Error(`Only ${this.#seen} of ${this.expected} records were seen.`);
    const records = this.#seen - this.#firstBatch;
    const seconds = (last.at - first.at) / 1000;
    const cpu = last.cpu.user - first.cpu.user + (last.cpu.system - first.cpu.system);
    // maxRSS is in kilobytes and covers the whole life of the process, start-up included.
    const kernelPeak = process.resourceUsage().maxRSS * 1024;
    return {
      records,
      seconds,
      recordsPerSecond: records / seconds,
      cpuMicrosPerRecord: cpu / records,
      mainThreadCpuMicrosPerRecord:
        first.mainThreadCpu === undefined || last.mainThreadCpu === undefined
          ? undefined
          : (last.mainThreadCpu - first.mainThreadCpu) / records,
      peakRssBytes: Math.max(this.#peakRss, kernelPeak),
      extra: this.extra,
    };
  }
}
