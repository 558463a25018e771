import { notAvailableYet } from './figure.js';

/**
 * Refill / replay scan rate (SPEC: at least the live consume rate). To measure once gap refill and
 * `TelemetryConsumer#replay` land: in a child, replay the whole benchmark topic's time window and
 * report records/s, to compare with this library's live `for await` rate.
 */
export const refillScanFigure = notAvailableYet(
  { id: 'refill-scan', title: 'Refill / replay scan rate', target: '≥ live consume rate' },
  'Gap refill and `TelemetryConsumer#replay`',
);
