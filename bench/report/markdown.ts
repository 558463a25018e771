import { OURS_CONTENDER_ID, OURS_FEATURES, RAW_CONTENDER_ID } from '../contenders/contenders.js';
import type { Spread } from '../harness/spread.js';
import { int, mb } from '../harness/format.js';
import type { BenchResults, ContenderSummary } from './results.js';

const THROUGHPUT_RATIO_TARGET = 0.9; // SPEC section 9

const yesNo = (met: boolean | undefined): string => (met === undefined ? '—' : met ? 'yes' : 'no');
const rate = (s: Spread | undefined, runs: number): string =>
  s === undefined
    ? 'failed'
    : runs > 1
      ? `${int(s.median)} rec/s (${int(s.min)}–${int(s.max)})`
      : `${int(s.median)} rec/s`;

/** Whether this library's throughput meets SPEC section 9, against the contenders of the same run. */
export function throughputMet(results: BenchResults): boolean | undefined {
  const median = (id: string): number | undefined =>
    results.contenders.find((c) => c.id === id)?.recordsPerSecond?.median;
  const ours = median(OURS_CONTENDER_ID);
  const raw = median(RAW_CONTENDER_ID);
  if (ours === undefined || raw === undefined) return undefined;
  const peers = ['kafkajs', 'platformatic'].map(median).filter((m): m is number => m !== undefined);
  return ours >= THROUGHPUT_RATIO_TARGET * raw && peers.every((peer) => ours > peer);
}

function throughputRow(results: BenchResults, contender: ContenderSummary, raw: number | undefined): string {
  const median = contender.recordsPerSecond?.median;
  const ratio = median !== undefined && raw !== undefined ? (median / raw).toFixed(2) : '—';
  const value = rate(contender.recordsPerSecond, results.runsPerContender);
  if (contender.id === OURS_CONTENDER_ID) {
    return `| Typed records/s through \`for await\` (goodwe-kafka: ${OURS_FEATURES}) | ${value} | ${ratio} | ≥ ${THROUGHPUT_RATIO_TARGET} × raw, ahead of KafkaJS and @platformatic/kafka | ${yesNo(throughputMet(results))} |`;
  }
  const target = contender.id === RAW_CONTENDER_ID ? 'baseline' : '—';
  return `| Records/s: ${contender.label} (${contender.work}) | ${value} | ${ratio} | ${target} | — |`;
}

/** The figures table: throughput of every contender, then the other SPEC figures. */
export function figuresTable(results: BenchResults): string {
  const raw = results.contenders.find((c) => c.id === RAW_CONTENDER_ID)?.recordsPerSecond?.median;
  const lines = [
    '| Figure | Value | Ratio to raw client | SPEC target | Met? |',
    '| --- | --- | --- | --- | --- |',
    ...results.contenders.map((c) => throughputRow(results, c, raw)),
    ...results.figures.map(
      (f) =>
        `| ${f.title} | ${f.error ? `failed: ${f.error.split('\n')[0]}` : (f.value ?? '—')} | ${f.ratio ?? '—'} | ${f.target} | ${yesNo(f.met)} |`,
    ),
  ];
  return lines.join('\n');
}

/** Per-contender detail: spread, CPU per record, peak RSS. */
export function contendersTable(results: BenchResults): string {
  const lines = [
    '| Contender | Records/s median | min | max | CPU µs/record | of which main thread | Peak RSS | Runs |',
    '| --- | --: | --: | --: | --: | --: | --: | --: |',
    ...results.contenders.map((c) => {
      const r = c.recordsPerSecond;
      const runs = `${c.runs.length}${c.errors.length > 0 ? ` (+${c.errors.length} failed)` : ''}`;
      return `| ${c.label} | ${r ? int(r.median) : '—'} | ${r ? int(r.min) : '—'} | ${r ? int(r.max) : '—'} | ${
        c.cpuMicrosPerRecord ? c.cpuMicrosPerRecord.median.toFixed(1) : '—'
      } | ${c.mainThreadCpuMicrosPerRecord ? c.mainThreadCpuMicrosPerRecord.median.toFixed(1) : '—'} | ${c.peakRssBytes ? mb(c.peakRssBytes.median) : '—'} | ${runs} |`;
    }),
  ];
  return lines.join('\n');
}

/**
 * Client speed and typed telemetry speed side by side: per client, records/s and CPU per record
 * with `JSON.parse` and with this library's `decodeTelemetry` (this library only has the latter),
 * and the CPU per typed record against the raw loop's CPU per `JSON.parse`d record.
 */
export function speedTable(results: BenchResults): string {
  const raw = results.contenders.find((c) => c.id === RAW_CONTENDER_ID)?.cpuMicrosPerRecord?.median;
  const clients = [...new Set(results.contenders.map((c) => c.client))];
  const lines = [
    "| Client | Records/s, JSON.parse | Records/s, typed telemetry | Typed ÷ JSON.parse | CPU µs/record, JSON.parse | CPU µs/typed record | CPU per typed record ÷ raw loop's |",
    '| --- | --: | --: | --: | --: | --: | --: |',
    ...clients.map((client) => {
      const of = (work: string): ContenderSummary | undefined =>
        results.contenders.find((c) => c.client === client && c.valueWork === work);
      const json = of('json');
      const typed = of('telemetry');
      const rate = (c: ContenderSummary | undefined): string =>
        c?.recordsPerSecond ? int(c.recordsPerSecond.median) : '—';
      const cpu = (c: ContenderSummary | undefined): string =>
        c?.cpuMicrosPerRecord ? c.cpuMicrosPerRecord.median.toFixed(1) : '—';
      const jsonRate = json?.recordsPerSecond?.median;
      const typedRate = typed?.recordsPerSecond?.median;
      const typedCpu = typed?.cpuMicrosPerRecord?.median;
      const speedRatio = jsonRate !== undefined && typedRate !== undefined ? (typedRate / jsonRate).toFixed(2) : '—';
      const cpuRatio = raw !== undefined && typedCpu !== undefined ? (typedCpu / raw).toFixed(2) : '—';
      return `| ${client} | ${rate(json)} | ${rate(typed)} | ${speedRatio} | ${cpu(json)} | ${cpu(typed)} | ${cpuRatio} |`;
    }),
  ];
  return lines.join('\n');
}

/** One line describing the machine, the software and the load. */
export function machineLine(results: BenchResults): string {
  const { machine: m, broker, loadAverage } = results;
  const clients = Object.entries(m.clients)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ');
  return (
    `${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}; Node ${m.node}; librdkafka ${m.librdkafka}; ` +
    `${clients}; Apache Kafka ${broker.version ?? '(version unknown)'} (${broker.backend} broker, same machine); ` +
    `load average ${loadAverage.start.join(' ')} at the start, ${loadAverage.end.join(' ')} at the end` +
    (results.backgroundLoad ? `; ${results.backgroundLoad} busy process(es) started as other load (--load)` : '')
  );
}

/** How the numbers were taken, and each figure's details. */
export function notes(results: BenchResults): string[] {
  const { dataset: d } = results;
  const errors = results.contenders.flatMap((c) => c.errors.map((e) => `${c.label}: ${e.split('\n')[0]}`));
  return [
    `Data: ${int(d.records)} simulated GoodWe messages (${int(d.inverters)} inverters × 100 readings, ` +
      `${d.meanBytes.toFixed(0)} bytes of JSON on average, keyed by serial number, uncompressed) on one topic of ` +
      `${d.partitions} partitions, produced once and read by every contender.`,
    `Each contender is a fresh Node process reading the whole topic from the start with a new consumer group, ` +
      `${results.runsPerContender} time(s), in rotating order. The clock starts at the first delivered record ` +
      `(connecting, joining the group and the first fetch are excluded; so are the records of that first delivery) and ` +
      `stops at the last one. CPU is the process's user + system time over the same span, every thread included; the main thread's part (from /proc) is the JavaScript work, the rest librdkafka's threads and V8's compiler and garbage-collector threads, whose warm-up weighs heavily in a --quick run's short span. ` +
      `Peak RSS is the highest of 50 ms samples and the kernel's maxRSS. Clients run with their defaults apart from ` +
      `the group and reading from the earliest offset.`,
    `The broker runs on the same machine and competes for its cores.`,
    ...results.figures.filter((f) => f.detail).map((f) => `${f.title}: ${f.detail}`),
    ...results.figures.filter((f) => f.error).map((f) => `${f.title} failed: ${f.error}`),
    ...errors.map((e) => `Failed run: ${e}`),
  ];
}

/** results.md: the figures table, the contenders' detail and the notes. */
export function resultsMarkdown(results: BenchResults): string {
  return [
    `# goodwe-kafka benchmark${results.quick ? ' (--quick)' : ''}`,
    '',
    `${results.date.slice(0, 10)}, commit ${results.machine.commit}, ${Math.round(results.durationSeconds)} s.`,
    '',
    machineLine(results) + '.',
    '',
    figuresTable(results),
    '',
    contendersTable(results),
    '',
    speedTable(results),
    '',
    ...notes(results).map((n) => `- ${n}`),
    '',
  ].join('\n');
}
