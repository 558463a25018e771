import { describe, expect, it } from 'vitest';
import {
  parseDuration,
  parseFactor,
  parseInteger,
  parseProbability,
  parseTime,
} from '../../../src/cli/parse-values.js';
import { UsageError } from '../../../src/cli/usage-error.js';

describe('CLI value parsing', () => {
  it.each([
    ['300ms', 300],
    ['30s', 30_000],
    ['5m', 300_000],
    ['1.5h', 5_400_000],
    ['2d', 172_800_000],
  ])('reads the duration %s as %i ms', (text, ms) => expect(parseDuration('interval', text, 'simulate')).toBe(ms));

  it('refuses a duration without a number, naming the flag', () => {
    expect(() => parseDuration('interval', 'five minutes', 'simulate')).toThrow(UsageError);
    expect(() => parseDuration('interval', 'five minutes', 'simulate')).toThrow(/--interval "five minutes"/);
  });

  it.each(['5', '250', '1.5'])(
    'refuses the bare number %s: a duration needs a unit (gaps --interval 5 was read as 5 ms)',
    (text) => {
      expect(() => parseDuration('interval', text, 'gaps')).toThrow(UsageError);
      expect(() => parseDuration('interval', text, 'gaps')).toThrow(
        `--interval "${text}" has no unit; write ${text}ms, ${text}s, ${text}m`,
      );
    },
  );

  it('reads times as ISO-8601, epoch ms, now and durations ago', () => {
    const now = Date.parse('2026-06-15T12:00:00Z');
    expect(parseTime('from', '2026-06-15T08:00:00Z', 'replay', now).toISOString()).toBe('2026-06-15T08:00:00.000Z');
    expect(parseTime('from', '1781510400000', 'replay', now).getTime()).toBe(1781510400000);
    expect(parseTime('from', 'now', 'replay', now).getTime()).toBe(now);
    expect(parseTime('from', '-2h', 'replay', now).toISOString()).toBe('2026-06-15T10:00:00.000Z');
    expect(() => parseTime('from', 'yesterday', 'replay', now)).toThrow(/--from "yesterday" is not a time/);
  });

  it('reads probabilities as fractions or percentages and refuses anything outside 0..1', () => {
    expect(parseProbability('loss', '0.01', 'simulate')).toBe(0.01);
    expect(parseProbability('loss', '5%', 'simulate')).toBeCloseTo(0.05);
    expect(() => parseProbability('loss', '2', 'simulate')).toThrow(/between 0 and 1/);
    expect(() => parseProbability('loss', '', 'simulate')).toThrow(UsageError);
  });

  it('reads whole numbers within bounds and speed-up factors', () => {
    expect(parseInteger('inverters', '200', 'simulate', 1)).toBe(200);
    expect(() => parseInteger('inverters', '0', 'simulate', 1)).toThrow(/from 1/);
    expect(() => parseInteger('inverters', '2.5', 'simulate', 1)).toThrow(UsageError);
    expect(parseFactor('speed-up', 'max', 'simulate')).toBe(Number.POSITIVE_INFINITY);
    expect(parseFactor('speed-up', '3600', 'simulate')).toBe(3600);
    expect(() => parseFactor('speed-up', '-1', 'simulate')).toThrow(UsageError);
  });
});
