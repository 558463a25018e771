import type { CliIo } from './cli-io.js';

/** One `goodwe-kafka` command. */
export interface Command {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** Full `--help` text: usage, flags, examples. */
  readonly help: string;
  /** Runs the command; resolves with the exit code. Errors it throws are printed as one line by the caller. */
  run(args: readonly string[], io: CliIo): Promise<number>;
}
