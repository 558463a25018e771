import type { CliIo } from './cli-io.js';
import type { FlagSpec } from './parse-command-args.js';

/** One `goodwe-kafka` command. */
export interface Command {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** Full `--help` text: usage, flags, examples. */
  readonly help: string;
  /** The flags it accepts, as `parseCommandArgs` takes them. */
  readonly flags: FlagSpec;
  /** Runs the command; resolves with the exit code. Errors it throws are printed as one line by the caller. */
  run(args: readonly string[], io: CliIo): Promise<number>;
}
