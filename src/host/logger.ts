/** Fields attached to a log line. Never put a secret here. */
export type LogFields = Record<string, unknown>;

/**
 * The logger the library writes to. Its shape matches pino's (`logger.warn({ topic }, 'message')`),
 * so a pino logger, a child of one, or any object with these four methods can be passed as is.
 * For `console`, or a logger whose methods take the message first, use {@link consoleLogger}.
 * The library is silent unless a logger is given.
 */
export interface Logger {
  /** Details for troubleshooting. */
  debug(fields: LogFields, message: string): void;
  /** Normal events: connected, partitions assigned. */
  info(fields: LogFields, message: string): void;
  /** Something needs attention but work goes on: a skipped message, a retried commit. */
  warn(fields: LogFields, message: string): void;
  /** A failure that ended an operation, or data that was lost. */
  error(fields: LogFields, message: string): void;
}

const ignore = (): void => undefined;

/** A logger that drops everything: the default. */
export const silentLogger: Logger = { debug: ignore, info: ignore, warn: ignore, error: ignore };

/** The levels of {@link Logger}, least severe first. */
export const logLevels = ['debug', 'info', 'warn', 'error'] as const;
/** One of {@link logLevels}. */
export type LogLevel = (typeof logLevels)[number];

/** A logger that takes the message first: `console`, or one whose methods are `(message, ...more)`. */
export type MessageFirstLogger = Record<LogLevel, (message: string, ...more: unknown[]) => void>;

/** Options of {@link consoleLogger}. */
export interface ConsoleLoggerOptions {
  /**
   * The least severe level written; lines below it are dropped.
   * @default 'info'
   */
  level?: LogLevel;
  /**
   * Where lines go: any object whose `debug`, `info`, `warn` and `error` take the message first.
   * @default console
   */
  target?: MessageFirstLogger;
}

/**
 * Adapts `console` (or any logger whose methods take the message first) to the library's
 * {@link Logger}: each line is written as `target[level](message)`, or
 * `target[level](message, fields)` when it has fields, and lines below `level` are dropped.
 *
 * @example
 * ```ts
 * import { connectionFromEnv, consoleLogger, createTelemetryConsumer } from 'goodwe-kafka';
 *
 * const logger = consoleLogger({ level: 'info' }); // debug lines are dropped
 * createTelemetryConsumer({ connection: connectionFromEnv(process.env, { logger }), groupId: 'acme', logger });
 * ```
 */
export function consoleLogger(options: ConsoleLoggerOptions = {}): Logger {
  const level = options.level ?? 'info';
  const least = logLevels.indexOf(level);
  if (least < 0) throw new TypeError(`consoleLogger level "${String(level)}" is not one of ${logLevels.join(', ')}`);
  const target = options.target ?? console;
  const method =
    (name: LogLevel) =>
    (fields: LogFields, message: string): void => {
      if (logLevels.indexOf(name) < least) return;
      if (Object.keys(fields).length === 0) target[name](message);
      else target[name](message, fields);
    };
  return { debug: method('debug'), info: method('info'), warn: method('warn'), error: method('error') };
}

/** Whether a value has the four methods of a {@link Logger}. */
export function isLogger(value: unknown): value is Logger {
  return (
    typeof value === 'object' &&
    value !== null &&
    logLevels.every((m) => typeof (value as Record<string, unknown>)[m] === 'function')
  );
}

/**
 * The logger to use for a `logger` option: `console` itself becomes {@link consoleLogger} at
 * level `info` (written as is it would print the fields before the message, and every debug
 * line); anything else is used as given.
 */
export function toLogger(value: Logger): Logger {
  return value === (globalThis.console as unknown) ? consoleLogger() : value;
}
