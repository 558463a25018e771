// Moved to src/host/logger.ts, which is public API; this re-export keeps the library's older
// imports working until they point there.
export { consoleLogger, isLogger, logLevels, silentLogger, toLogger } from '../host/logger.js';
export type { ConsoleLoggerOptions, LogFields, Logger, LogLevel, MessageFirstLogger } from '../host/logger.js';
