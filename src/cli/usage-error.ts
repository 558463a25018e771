/**
 * The command line was wrong: an unknown flag, a missing or malformed value. Exits with code 2
 * and a pointer to the command's `--help`. Only the CLI throws it; the library's own
 * configuration problems are `ConfigError`s.
 */
export class UsageError extends Error {
  /** The command whose help to point at, if known. */
  readonly command: string | undefined;

  constructor(message: string, command?: string) {
    super(message);
    this.name = 'UsageError';
    this.command = command;
  }
}
