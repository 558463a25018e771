/** Fields attached to a log line. Never put a secret here. */
export type LogFields = Record<string, unknown>;

/**
 * The logger the library writes to. Its shape matches pino's (`logger.warn({ topic }, 'message')`),
 * so a pino logger, a child of one, or any object with these four methods can be passed as is.
 * The library is silent unless a logger is given.
 */
export interface Logger {
  /** Details for troubleshooting. */
  debug(fields: LogFields, message: string): void;
  /** Normal events: connected, partitions assigned. */
  info(fields: LogFields, message: string): void;
  /** Something needs attention but work goes on: a skipped message, verification turned off. */
  warn(fields: LogFields, message: string): void;
  /** A failure that ended an operation. */
  error(fields: LogFields, message: string): void;
}

const ignore = (): void => undefined;

/** A logger that drops everything: the default. */
export const silentLogger: Logger = { debug: ignore, info: ignore, warn: ignore, error: ignore };
