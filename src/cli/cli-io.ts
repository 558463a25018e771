/** Where a command writes: `process.stdout`/`process.stderr`, or a buffer in tests. */
export interface Writer {
  write(text: string): unknown;
  /** True when a person is watching a terminal: progress bars and colours only then. */
  readonly isTTY?: boolean | undefined;
  /** Terminal width, when known. */
  readonly columns?: number | undefined;
}

/** Everything a command touches outside itself, injected so that tests can run it in-process. */
export interface CliIo {
  readonly stdout: Writer;
  readonly stderr: Writer;
  /** Environment variables (GOODWE_KAFKA_*). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Aborted on SIGINT/SIGTERM: the command stops cleanly and closes its clients. */
  readonly signal: AbortSignal;
}
