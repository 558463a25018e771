// Moved to src/host/logger.ts, which is public API; this re-export keeps the library's older
// imports working until they point there.
export { silentLogger } from '../host/logger.js';
export type { LogFields, Logger } from '../host/logger.js';
