import { notAvailableYet } from './figure.js';

/**
 * `seekToTime` to first record (SPEC: under 1 s). To measure once `TelemetryConsumer#seekToTime`
 * lands: in a child, consume part of the benchmark topic, time `await seekToTime(t)` plus the
 * wait for the first record yielded after it, for a few times `t` spread over the topic.
 */
export const seekToTimeFigure = notAvailableYet(
  { id: 'seek-to-time', title: '`seekToTime` to first record', target: '< 1 s' },
  '`TelemetryConsumer#seekToTime`',
);
