import type { FlagValues } from './parse-command-args.js';
import { stringFlag } from './parse-command-args.js';
import { parseTime } from './parse-values.js';
import { UsageError } from './usage-error.js';

/** `--from` / `--to` flags shared by `replay` and `gaps`. */
export const windowFlags = {
  from: { type: 'string' },
  to: { type: 'string' },
} as const;

/** Help lines for {@link windowFlags}. */
export const windowHelp = `  --from TIME                  start of the window (record time): ISO-8601, epoch ms, now, or -2h
  --to TIME                    end of the window (default now)`;

/** The window the flags name; `--from` is required and must not be after `--to`. */
export function parseWindow(command: string, values: FlagValues, now = Date.now()): { from: Date; to: Date } {
  const fromText = stringFlag(values, 'from');
  if (fromText === undefined)
    throw new UsageError('--from is required (e.g. --from -1d or --from 2026-06-15T00:00:00Z)', command);
  const from = parseTime('from', fromText, command, now);
  const toText = stringFlag(values, 'to');
  const to = toText === undefined ? new Date(now) : parseTime('to', toText, command, now);
  if (from.getTime() > to.getTime())
    throw new UsageError(`--from ${from.toISOString()} is after --to ${to.toISOString()}`, command);
  return { from, to };
}
