import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors/config-error.js';
import { parseSimulationOptions } from '../../../src/simulator/simulation-options.js';

function errorOf(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('simulation options', () => {
  it('defaults to one fault-free day of ten inverters reporting every 5 minutes', () => {
    expect(parseSimulationOptions()).toEqual({
      inverters: 10,
      intervalMs: 300_000,
      start: Date.parse('2026-06-15T00:00:00Z'),
      readingsPerInverter: undefined,
      durationMs: 86_400_000,
      seed: 1,
      timeZone: 'UTC',
      reportAtNight: false,
      loss: 0,
      late: 0,
      lateMaxMs: 900_000,
      duplicate: 0,
      invalid: 0,
      aliasVariety: 0,
      batteryShare: 0.3,
      meterShare: 0.5,
    });
  });

  it('bounds the window by readings when readingsPerInverter is given', () => {
    const options = parseSimulationOptions({ readingsPerInverter: 12 });
    expect(options.readingsPerInverter).toBe(12);
    expect(options.durationMs).toBeUndefined();
  });

  it('accepts a Date, epoch ms or ISO string as start, rounded down to a whole second', () => {
    const at = Date.parse('2026-01-02T03:04:05.678Z');
    expect(parseSimulationOptions({ start: new Date(at) }).start).toBe(at - 678);
    expect(parseSimulationOptions({ start: at }).start).toBe(at - 678);
    expect(parseSimulationOptions({ start: '2026-01-02T03:04:05.678Z' }).start).toBe(at - 678);
  });

  it.each([
    [{ loss: 1.5 }, 'loss: expected a probability between 0 and 1'],
    [{ duplicate: -0.1 }, 'duplicate: expected a probability between 0 and 1'],
    [{ timeZone: 'Mars/Olympus' }, 'timeZone: expected an IANA time zone such as Europe/Amsterdam, got Mars/Olympus'],
    [{ intervalMs: 1500 }, 'intervalMs: expected whole seconds'],
    [{ start: 'yesterday' }, 'start: expected a date, epoch ms or ISO-8601 time, got yesterday'],
    [{ readingsPerInverter: 3, durationMs: 1000 }, 'durationMs: give readingsPerInverter or durationMs, not both'],
    [{ inverters: 0 }, 'inverters:'],
  ])('rejects %j with a ConfigError naming the option', (options, message) => {
    const error = errorOf(() => parseSimulationOptions(options));
    expect(error.code).toBe('GWK_CONFIG');
    expect(error.message).toContain(message);
  });

  it('rejects an unknown option instead of ignoring a typo', () => {
    expect(errorOf(() => parseSimulationOptions({ los: 0.1 } as never)).message).toContain('los');
  });

  it('names every invalid option at once', () => {
    const { message } = errorOf(() => parseSimulationOptions({ loss: 2, late: 2 }));
    expect(message).toContain('loss:');
    expect(message).toContain('late:');
  });
});
