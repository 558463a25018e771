// Moved to src/host/clock.ts, which is public API; this re-export keeps the library's older
// imports working until they point there.
export { systemClock } from '../host/clock.js';
export type { Clock } from '../host/clock.js';
