// Memory per tracked inverter of the gap state (SPEC section 9: at most 256 bytes at 100,000
// inverters, gap detector and dedupe window together).
//
//   node --expose-gc --import tsx bench/gaps/memory.ts [inverters]
//
// Counts the V8 heap and the typed arrays' backing stores, serial number strings included: the
// index keeps them alive, so they are part of the cost.
import { DedupeWindow } from '../../src/gaps/dedupe-window.js';
import { GapDetector } from '../../src/gaps/gap-detector.js';
import { SerialIndex } from '../../src/gaps/serial-index.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('Run with node --expose-gc');

const inverters = Number(process.argv[2] ?? 100_000);
const readingsPerInverter = 6;
const intervalMs = 300_000;
const start = Date.UTC(2026, 10, 20, 6);

function used(): number {
  for (let i = 0; i < 3; i++) gc!();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

/** Serial numbers as the decoder produces them: flat strings out of JSON.parse. */
function serialOf(i: number): string {
  return JSON.parse(`"5010KETU${String(i).padStart(8, '0')}"`) as string;
}

type Feed = (partition: number, serialNumber: string, timeMs: number) => void;

function measure(build: () => { feed: Feed; keep: unknown }): number {
  const before = used();
  const { feed, keep } = build();
  for (let r = 0; r < readingsPerInverter; r++) {
    for (let i = 0; i < inverters; i++) feed(i % 12, serialOf(i), start + r * intervalMs + (i % 60) * 1000);
  }
  const after = used();
  // Keeps the structure alive until after the measurement.
  if (keep === undefined) throw new Error('unreachable');
  return (after - before) / inverters;
}

const detector = measure(() => {
  const d = new GapDetector();
  return { feed: (p, s, t) => void d.observe(p, s, t), keep: d };
});
const dedupe = measure(() => {
  const w = new DedupeWindow();
  return { feed: (p, s, t) => void w.seen(p, s, t), keep: w };
});
const both = measure(() => {
  const index = new SerialIndex();
  const d = new GapDetector({ index });
  const w = new DedupeWindow({ index });
  return {
    feed: (p, s, t) => {
      if (!w.seen(p, s, t)) d.observe(p, s, t);
    },
    keep: [d, w],
  };
});

console.log(`Memory per tracked inverter at ${inverters.toLocaleString('en')} inverters (bytes)`);
console.table({
  'gap detector (own index)': Math.round(detector),
  'dedupe window (own index)': Math.round(dedupe),
  'both, shared index (SPEC target 256)': Math.round(both),
});
