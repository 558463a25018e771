/** Fields attached to a log line. Never put a secret here. */
export type LogFields = Record<string, unknown>;

/**
 * The logger the library writes to. Its shape matches pino's (`logger.warn({ topic }, 'message')`),
 * so a pino logger, a child of one, or any object with these four methods can be passed as is.
 * The library is silent unless a logger is given.
 */
export interface Logger {
  debug(fields: LogFields, message: string): void;
  info(fields: LogFields, message: string): void;
  warn(fields: LogFields, message: string): void;
  error(fields: LogFields, message: string): void;
}

const ignore = (): void => undefined;

/** A logger that drops everything: the default. */
export const silentLogger: Logger = { debug: ignore, info: ignore, warn: ignore, error: ignore };
