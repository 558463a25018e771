import { parseArgs, type ParseArgsConfig } from 'node:util';
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
    const { values } = parseArgs({ args: [...args], options, strict: true, allowPositionals: false });
    return values as FlagValues;
  } catch (error) {
    // parseArgs' messages are precise but long and mention "parseArgs"; keep their first sentence.
    const text = (error as Error).message.split('\n')[0] ?? 'invalid arguments';
    throw new UsageError(text.replace(/\. To specify.*$/, '').replace(/^Unknown option/, 'unknown flag'), command);
  }
}

/** A string flag's value, or `undefined` when not given. */
export function stringFlag(values: FlagValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}
