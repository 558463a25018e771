import { ProgressBar } from './progress-bar.js';
import { UsageError } from './usage-error.js';

/** The `--catch-up` flag's values. */
const modes = ['backlog', 'live-first'] as const;

/** Reads `--catch-up backlog|live-first` (default `backlog`). */
export function parseCatchUp(text: string | undefined, command: string): (typeof modes)[number] {
  if (text === undefined) return 'backlog';
  const mode = modes.find((m) => m === text);
  if (!mode) throw new UsageError(`--catch-up must be backlog or live-first, not "${text}"`, command);
  return mode;
}

/** The backfill's progress bar for a status line, or '' when no backfill runs. */
export function backfillBar(stats: { backfillTotal: number; backfillPending: number }): string {
  if (stats.backfillTotal === 0) return '';
  return ProgressBar.render('backfill', stats.backfillTotal - stats.backfillPending, stats.backfillTotal);
}
