import { runChild } from '../harness/run-child.js';
import { int } from '../harness/format.js';
import type { Figure } from './figure.js';

const inverters = 100_000;
const target = 256;

/** The rows of bench/gaps/memory.ts's table, as `name -> bytes`. */
export function parseMemoryTable(stdout: string): Record<string, number> {
  const rows: Record<string, number> = {};
  for (const line of stdout.split('\n')) {
    const cells = line
      .split('│')
      .map((cell) => cell.trim())
      .filter(Boolean);
    if (cells.length === 2 && /^\d+$/.test(cells[1]!)) rows[cells[0]!] = Number(cells[1]);
  }
  return rows;
}

/**
 * Gap state and dedupe bytes per tracked inverter at 100,000 inverters (SPEC: at most 256), from
 * bench/gaps/memory.ts run with --expose-gc.
 */
export const gapMemoryFigure: Figure = {
  id: 'gap-memory',
  title: 'Memory per tracked inverter (gap state + dedupe)',
  target: `≤ ${target} B at ${int(inverters)} inverters`,
  async measure({ signal }) {
    const { stdout } = await runChild<never>('gaps/memory.ts', [String(inverters)], {
      execArgv: ['--expose-gc'],
      timeoutMs: 120_000,
      signal,
    });
    const rows = Object.entries(parseMemoryTable(stdout));
    const row = (prefix: string): number | undefined => rows.find(([name]) => name.startsWith(prefix))?.[1];
    const both = row('both');
    if (both === undefined) throw new Error(`No "both" row in the output of bench/gaps/memory.ts:\n${stdout}`);
    const detector = row('gap detector');
    const dedupe = row('dedupe');
    return {
      value: `${both} B`,
      met: both <= target,
      numbers: {
        bytesPerInverter: both,
        ...(detector === undefined ? {} : { detector }),
        ...(dedupe === undefined ? {} : { dedupe }),
      },
      detail:
        `bench/gaps/memory.ts: GapDetector and DedupeWindow sharing one SerialIndex, fed 6 readings for each of ` +
        `${int(inverters)} inverters, V8 heap and typed arrays after GC. Measured on the modules ` +
        `directly, the way the consumer uses them (one SerialIndex shared by both).`,
    };
  },
};
