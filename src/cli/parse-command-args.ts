import { parseArgs, type ParseArgsConfig } from 'node:util';
import { closestKey } from '../internal/strict-options.js';
import { UsageError } from './usage-error.js';

/** Flag definitions, as `node:util` `parseArgs` takes them. */
export type FlagSpec = NonNullable<ParseArgsConfig['options']>;

/** Parsed flag values: a string or a boolean per given flag. */
export type FlagValues = Record<string, string | boolean | undefined>;

/**
 * Parses a command's arguments strictly: an unknown flag, a missing value or a stray positional
 * argument is a {@link UsageError} naming it (exit code 2), never a silently ignored typo.
 */
export function parseCommandArgs(command: string, args: readonly string[], options: FlagSpec): FlagValues {
  try {
    const { values } = parseArgs({
      args: joinNegativeValues(args, options),
      options,
      strict: true,
      allowPositionals: false,
    });
    return values as FlagValues;
  } catch (error) {
    // parseArgs' messages are precise but long and mention "parseArgs"; keep their first sentence.
    const text = (error as Error).message.split('\n')[0] ?? 'invalid arguments';
    const unknown = /^Unknown option '--?([^'=]+)/.exec(text)?.[1];
    const suggestion = unknown === undefined ? undefined : closestKey(unknown, Object.keys(options));
    const hint = suggestion === undefined ? '' : ` (did you mean --${suggestion}?)`;
    throw new UsageError(
      text.replace(/\. To specify.*$/, '').replace(/^Unknown option/, 'unknown flag') + hint,
      command,
    );
  }
}

/**
 * Joins `--from -2h` into `--from=-2h`. parseArgs refuses a value that starts with a dash as
 * ambiguous, but a time ago (`-2h`) or a negative number is the documented form, and no flag
 * name starts with a digit: after a flag that takes a value, `-` and a digit is that value.
 */
function joinNegativeValues(args: readonly string[], options: FlagSpec): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const next = args[i + 1];
    const name = arg.startsWith('--') && !arg.includes('=') ? arg.slice(2) : undefined;
    if (name !== undefined && options[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

/** A string flag's value, or `undefined` when not given. */
export function stringFlag(values: FlagValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}
