import type { Writer } from './cli-io.js';

/** Options of {@link ProgressBar}. */
export interface ProgressBarOptions {
  /** Shown before the bar, e.g. `replay`. */
  label: string;
  /** Least time between two redraws, ms. @default 100 */
  redrawMs?: number;
  /** The clock, for tests. @default Date.now */
  now?: () => number;
}

const BAR_WIDTH = 24;

/**
 * A one-line progress bar redrawn in place with `\r`, on a terminal only: when the stream is
 * piped or redirected (`isTTY` false) it prints nothing at all, so logs and pipes stay clean.
 * Drawn on stderr by the commands, so stdout carries only data.
 */
export class ProgressBar {
  readonly #out: Writer;
  readonly #label: string;
  readonly #redrawMs: number;
  readonly #now: () => number;
  readonly enabled: boolean;
  #lastDraw = Number.NEGATIVE_INFINITY;
  #drawn = false;

  constructor(out: Writer, options: ProgressBarOptions) {
    this.#out = out;
    this.#label = options.label;
    this.#redrawMs = options.redrawMs ?? 100;
    this.#now = options.now ?? Date.now;
    this.enabled = out.isTTY === true;
  }

  /** The line for `done` of `total` (total unknown: a count only). */
  static render(label: string, done: number, total: number | undefined, detail = ''): string {
    const suffix = detail === '' ? '' : `  ${detail}`;
    if (total === undefined || total <= 0) return `${label} ${done}${suffix}`;
    const share = Math.min(1, Math.max(0, done / total));
    const filled = Math.round(share * BAR_WIDTH);
    const bar = `${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}`;
    return `${label} [${bar}] ${String(Math.floor(share * 100)).padStart(3)}% ${done}/${total}${suffix}`;
  }

  /** Reports progress; redraws at most every `redrawMs`. */
  update(done: number, total?: number, detail?: string): void {
    if (!this.enabled) return;
    const now = this.#now();
    if (now - this.#lastDraw < this.#redrawMs) return;
    this.#lastDraw = now;
    this.#draw(ProgressBar.render(this.#label, done, total, detail));
  }

  // A terminal of unknown size reports 0 columns (`script`, `docker run -t`, some CI runners):
  // draw for 80 then, rather than repeating a space -1 times.
  #width(): number {
    const columns = this.#out.columns;
    return (columns !== undefined && columns > 1 ? columns : 80) - 1;
  }

  #draw(line: string): void {
    const width = this.#width();
    this.#out.write(`\r${line.slice(0, width).padEnd(width)}`);
    this.#drawn = true;
  }

  /** Clears the bar, leaving the line free for what comes next. */
  done(): void {
    if (!this.enabled || !this.#drawn) return;
    const width = this.#width();
    this.#out.write(`\r${' '.repeat(width)}\r`);
    this.#drawn = false;
  }
}
