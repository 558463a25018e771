import { describe, expect, it } from 'vitest';
import { goodweConnection } from '../../../src/auth/goodwe-connection.js';
import { parseConsumerOptions } from '../../../src/consumer/consumer-options.js';
import { createTelemetryConsumer } from '../../../src/consumer/create-telemetry-consumer.js';
import { ConfigError } from '../../../src/errors/config-error.js';

const connection = goodweConnection({ bootstrapServers: 'localhost:9092', topic: 'ACME01', tls: false });

/** Calls `createTelemetryConsumer` as untyped JavaScript would, and returns what it threw. */
function creationError(options: Record<string, unknown>): ConfigError {
  try {
    createTelemetryConsumer(options as never);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  return expect.fail('expected a ConfigError');
}

describe('consumer options', () => {
  it('applies the documented defaults', () => {
    expect(parseConsumerOptions({ connection, groupId: 'g' })).toMatchObject({
      onInvalid: 'skip',
      timeZone: 'UTC',
      maxBufferedRecords: 10_000,
      commitIntervalMs: 5000,
      connectTimeoutMs: connection.connectTimeoutMs,
      autoOffsetReset: 'earliest',
    });
  });

  it('refuses a misspelled option, naming it and the option meant (it used to be ignored)', () => {
    const error = creationError({ connection, groupId: 'g', maxBufferedRecord: 5 });
    expect(error.code).toBe('GWK_CONFIG');
    expect(error.message).toBe(
      'Invalid consumer options: unknown option "maxBufferedRecord" (did you mean "maxBufferedRecords"?).',
    );
  });

  it('refuses an unknown option that resembles none without guessing', () => {
    expect(creationError({ connection, groupId: 'g', colour: 'blue' }).message).toBe(
      'Invalid consumer options: unknown option "colour".',
    );
  });

  it('names every unknown option at once', () => {
    expect(creationError({ connection, groupId: 'g', topic: 'A', groupid: 'h' }).message).toBe(
      'Invalid consumer options: unknown option "topic" (did you mean "topics"?), ' +
        'unknown option "groupid" (did you mean "groupId"?).',
    );
  });

  it('refuses a misspelled gaps option, naming where it is', () => {
    expect(creationError({ connection, groupId: 'g', gaps: { refil: true } }).message).toBe(
      'Invalid consumer option gaps: unknown option "refil" (did you mean "refill"?).',
    );
  });

  it('still names an invalid value by its path', () => {
    expect(creationError({ connection, groupId: 'g', gaps: { settleMs: -1 } }).message).toMatch(
      /^Invalid consumer option gaps\.settleMs: /,
    );
  });
});

describe('the consumer logger', () => {
  const logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

  it("is the connection's logger when none is given, so it is given once", () => {
    const connection = goodweConnection({ bootstrapServers: 'kafka:9093', topic: 'ACME01', tls: false, logger });
    expect(parseConsumerOptions({ connection, groupId: 'g' }).logger).toBe(logger);
  });

  it('takes console itself, wrapped so that the message comes first and debug lines are dropped', () => {
    const connection = goodweConnection({ bootstrapServers: 'kafka:9093', topic: 'ACME01', tls: false });
    const parsed = parseConsumerOptions({ connection, groupId: 'g', logger: console });
    expect(parsed.logger).not.toBe(console);
    expect(typeof parsed.logger?.warn).toBe('function');
  });
});
