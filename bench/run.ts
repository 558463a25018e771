// The benchmark of SPEC section 9: `npm run bench [-- --quick] [--runs N] [--records N] [--only ids]
// [--load N] [--profile] [--out dir] [--node 22]`. Starts a broker (or uses KAFKA_BOOTSTRAP_SERVERS), produces the
// dataset once, runs every contender and figure in child processes of their own, prints the
// results table and writes results.md, results.json and results.svg to bench/results/. With --node
// it runs itself again under that Node (scripts/bench-node.sh) and writes to bench/results/node-<version>/.
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { RunningBroker } from '../test/harness/broker-info.js';
import { projectRoot } from '../test/harness/project-root.js';
import { startBroker } from '../test/harness/start-broker.js';
import { contenders, OURS_CONTENDER_ID, type Contender } from './contenders/contenders.js';
import { backlogRssFigure } from './figures/backlog-rss.js';
import { decodeRateFigure } from './figures/decode-rate.js';
import type { Figure, FigureContext } from './figures/figure.js';
import { gapMemoryFigure } from './figures/gap-memory.js';
import { refillScanFigure } from './figures/refill-scan.js';
import { seekToTimeFigure } from './figures/seek-to-time.js';
import type { ContenderJob, ContenderResult } from './harness/contender-main.js';
import { profileMarkdown, summarizeProfile } from './harness/cpu-profile.js';
import { deleteDataset, produceDataset, type Dataset } from './harness/dataset.js';
import { describeMachine, loadAverage } from './harness/machine.js';
import { parseNodeRequest, runsOnRequested, withoutNodeFlag } from './harness/node-target.js';
import { benchDir, ensurePeers } from './harness/peers.js';
import { startBackgroundLoad } from './harness/background-load.js';
import { runUnderNode } from './harness/run-under-node.js';
import { runChild } from './harness/run-child.js';
import { int, mb } from './harness/format.js';
import { resultsMarkdown } from './report/markdown.js';
import { summarizeContender, type BenchResults, type ContenderSummary, type FigureSummary } from './report/results.js';
import { resultsSvg } from './report/svg.js';

/** The figures besides throughput, in table order. */
const figures: readonly Figure[] = [
  decodeRateFigure,
  gapMemoryFigure,
  backlogRssFigure,
  seekToTimeFigure,
  refillScanFigure,
];

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    records: { type: 'string' },
    runs: { type: 'string' },
    only: { type: 'string' },
    profile: { type: 'boolean', default: false },
    load: { type: 'string' },
    out: { type: 'string' },
    node: { type: 'string' },
  },
});
if (flags.node !== undefined) {
  const request = parseNodeRequest(flags.node);
  if (!runsOnRequested(request, process.versions.node))
    process.exit(runUnderNode(request, withoutNodeFlag(process.argv.slice(2))));
}
const quick = flags.quick ?? false;
const records = Number(flags.records ?? (quick ? 100_000 : 1_000_000));
const runs = Number(flags.runs ?? (quick ? 1 : 3));
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got ${flags.runs}.`);
// --load N: N busy processes run beside the contenders (and the figures), for "with other load" figures.
const backgroundLoad = Number(flags.load ?? 0);
if (!Number.isInteger(backgroundLoad) || backgroundLoad < 0)
  throw new Error(`--load must be a whole number of busy processes, got ${flags.load}.`);
const only = flags.only?.split(',').map((id) => id.trim());
// A run under another Node keeps its results apart from the project's own Node's.
const outDir = resolve(
  flags.out ?? join(benchDir, 'results', ...(flags.node === undefined ? [] : [`node-${parseNodeRequest(flags.node)}`])),
);
const selected = <T extends { id: string }>(items: readonly T[]): T[] =>
  items.filter((item) => !only || only.includes(item.id));

const started = Date.now();
const log = (line: string): void => {
  const seconds = Math.round((Date.now() - started) / 1000);
  process.stderr.write(
    `[bench ${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}] ${line}\n`,
  );
};

const controller = new AbortController();
const { signal } = controller;
let abortedAt = 0;
for (const name of ['SIGINT', 'SIGTERM'] as const) {
  process.on(name, () => {
    // Ctrl-C reaches this process twice (from the terminal and relayed by tsx): only a later one forces the exit,
    // and the broker dies with this process even then.
    if (signal.aborted) {
      if (Date.now() - abortedAt > 2000) process.exit(130);
      return;
    }
    abortedAt = Date.now();
    log(`${name}: stopping the current child and the broker`);
    controller.abort(new Error(`Interrupted by ${name}`));
  });
}

const timeoutFor = (count: number): number => 60_000 + (count / 5_000) * 1000;

async function runContender(
  contender: Contender,
  job: ContenderJob,
  execArgv: string[] = [],
): Promise<ContenderResult> {
  const { result } = await runChild<ContenderResult>(contender.script, [JSON.stringify(job)], {
    execArgv,
    timeoutMs: timeoutFor(job.records),
    signal,
  });
  if (!result) throw new Error(`${contender.script} sent no result`);
  return result;
}

async function measureContenders(bootstrap: string, dataset: Dataset): Promise<ContenderSummary[]> {
  const chosen = selected(contenders);
  const results = new Map(chosen.map((c) => [c.id, { runs: [] as ContenderResult[], errors: [] as string[] }]));
  for (let round = 0; round < runs; round++) {
    // Rotating the order spreads drift (other load, page cache, the broker's state) over everyone.
    const order = chosen.map((_, index) => chosen[(index + round) % chosen.length]!);
    for (const contender of order) {
      signal.throwIfAborted();
      const job: ContenderJob = {
        bootstrap,
        topic: dataset.topic,
        records: dataset.records,
        groupId: `bench-${contender.id}-${randomUUID()}`,
        work: contender.valueWork,
      };
      const slot = results.get(contender.id)!;
      try {
        const result = await runContender(contender, job);
        slot.runs.push(result);
        log(
          `  ${contender.label}, run ${round + 1}/${runs}: ${int(result.recordsPerSecond)} rec/s, ` +
            `${result.cpuMicrosPerRecord.toFixed(1)} µs CPU/record` +
            (result.mainThreadCpuMicrosPerRecord === undefined
              ? ''
              : ` (${result.mainThreadCpuMicrosPerRecord.toFixed(1)} on the main thread)`) +
            `, ${mb(result.peakRssBytes)} peak RSS`,
        );
      } catch (error) {
        if (signal.aborted) throw error;
        slot.errors.push((error as Error).message);
        log(`  ${contender.label}, run ${round + 1}/${runs} failed: ${(error as Error).message}`);
      }
    }
  }
  return chosen.map((c) => summarizeContender(c, results.get(c.id)!.runs, results.get(c.id)!.errors));
}

async function measureFigures(context: FigureContext): Promise<FigureSummary[]> {
  const summaries: FigureSummary[] = [];
  for (const figure of selected(figures)) {
    signal.throwIfAborted();
    const { id, title, target } = figure;
    log(`figure: ${title}`);
    try {
      const outcome = await figure.measure(context);
      summaries.push({ id, title, target, ...outcome });
      log(`  ${outcome.value}`);
    } catch (error) {
      if (signal.aborted) throw error;
      summaries.push({ id, title, target, error: (error as Error).message });
      log(`  failed: ${(error as Error).message}`);
    }
  }
  return summaries;
}

/** One more run of this library's contender under --cpu-prof, summarised into profile.md. */
async function profileOurs(bootstrap: string, dataset: Dataset): Promise<void> {
  const ours = contenders.find((c) => c.id === OURS_CONTENDER_ID)!;
  const dir = join(outDir, 'profile');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  log(`profiling ${ours.label} (node --cpu-prof)`);
  const job: ContenderJob = {
    bootstrap,
    topic: dataset.topic,
    records: dataset.records,
    groupId: `bench-profile-${randomUUID()}`,
    work: ours.valueWork,
  };
  const result = await runContender(ours, job, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
  // The main thread's profile is the largest; tsx's loader thread writes a small one too.
  const file = readdirSync(dir)
    .filter((name) => name.endsWith('.cpuprofile'))
    .sort((a, b) => statSync(join(dir, b)).size - statSync(join(dir, a)).size)[0];
  if (!file) throw new Error(`No .cpuprofile in ${dir}`);
  const markdown = [
    `# CPU profile: ${ours.label}`,
    '',
    `${int(result.recordsPerSecond)} rec/s under the profiler; the measured span lasted ` +
      `${result.seconds.toFixed(1)} s (${join(dir, file)}).`,
    '',
    profileMarkdown(summarizeProfile(join(dir, file))),
  ].join('\n');
  writeFileSync(join(outDir, 'profile.md'), markdown);
  console.log(markdown);
}

async function main(): Promise<number> {
  ensurePeers(log);
  const machine = describeMachine();
  const loadAtStart = loadAverage();
  log(`${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}, load average ${loadAtStart.join(' ')}`);
  let broker: RunningBroker | undefined;
  try {
    log('starting the broker');
    // KAFKA_BOOTSTRAP_SERVERS when set; otherwise a broker tied to this process (it dies with it).
    broker = await startBroker({ root: projectRoot(), log });
    const { plaintext: bootstrap, backend, version } = broker.info;
    log(`broker: Apache Kafka ${version ?? '(version unknown)'} (${backend}) at ${bootstrap}`);
    log(`producing ${int(records)} records on 3 partitions`);
    const dataset = await produceDataset({ bootstrap, records, partitions: 3, signal, log });
    log(`  ${dataset.topic}: ${int(dataset.producedPerSecond)} rec/s produced`);

    if (backgroundLoad > 0) log(`starting ${backgroundLoad} busy process(es) as other load`);
    await using _load = startBackgroundLoad(backgroundLoad);
    const contenderSummaries = await measureContenders(bootstrap, dataset);
    const liveRecordsPerSecond = contenderSummaries.find((c) => c.id === OURS_CONTENDER_ID)?.recordsPerSecond?.median;
    const figureSummaries = await measureFigures({
      bootstrap,
      topic: dataset.topic,
      records,
      quick,
      signal,
      log,
      liveRecordsPerSecond,
    });
    if (flags.profile) await profileOurs(bootstrap, dataset);
    if (backend === 'external') await deleteDataset(bootstrap, dataset.topic);

    const results: BenchResults = {
      date: new Date().toISOString(),
      quick,
      durationSeconds: (Date.now() - started) / 1000,
      machine,
      loadAverage: { start: loadAtStart, end: loadAverage() },
      backgroundLoad,
      broker: { backend, version },
      dataset,
      runsPerContender: runs,
      contenders: contenderSummaries,
      figures: figureSummaries,
    };
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'results.md'), resultsMarkdown(results));
    writeFileSync(join(outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(join(outDir, 'results.svg'), resultsSvg(results));
    console.log(`\n${resultsMarkdown(results)}`);
    log(`wrote results.md, results.json and results.svg to ${outDir}`);
    const failed = contenderSummaries.some((c) => c.errors.length > 0) || figureSummaries.some((f) => f.error);
    return failed ? 1 : 0;
  } finally {
    if (broker) {
      log('stopping the broker');
      await broker.stop();
    }
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(signal.aborted ? 'interrupted' : `failed: ${(error as Error).stack ?? String(error)}`);
    process.exit(signal.aborted ? 130 : 1);
  },
);
