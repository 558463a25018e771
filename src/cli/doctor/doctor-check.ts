import { formatTable, type Column } from '../output.js';

/** How one check went. `fail` and `warn` make `doctor` exit non-zero. */
export type CheckStatus = 'ok' | 'info' | 'warn' | 'fail' | 'skip';

/** One line of the `doctor` checklist. */
export interface DoctorCheck {
  /** What was checked, e.g. `authentication`. */
  check: string;
  status: CheckStatus;
  /** What was found, one line. */
  summary: string;
  /** How to fix it, for `fail` and `warn`. */
  fix?: string;
  /** Figures behind the summary, for `--json`. */
  details?: unknown;
}

const marks: Record<CheckStatus, string> = { ok: 'ok', info: 'info', warn: 'WARN', fail: 'FAIL', skip: 'skip' };

const columns: readonly Column<DoctorCheck>[] = [
  { header: 'check', cell: (c) => c.check },
  { header: 'result', cell: (c) => marks[c.status] },
  { header: 'found', cell: (c) => c.summary },
];

/** The checklist as a table, then a "fix:" line under the table for each failed or warning check. */
export function formatChecks(checks: readonly DoctorCheck[]): string {
  const fixes = checks
    .filter((c) => c.fix !== undefined && (c.status === 'fail' || c.status === 'warn'))
    .map((c) => `fix (${c.check}): ${c.fix}`);
  return formatTable(columns, checks) + (fixes.length > 0 ? `\n${fixes.join('\n')}\n` : '');
}
