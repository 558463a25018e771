import { describe, expect, it } from 'vitest';
import { isGoodweKafkaError } from '../../../src/errors/goodwe-kafka-error.js';
import { toSinkError } from '../../../src/postgres/to-sink-error.js';
import { RetryFailure } from '../../../src/postgres/write-retry.js';

const dbError = (code: string, message: string): Error => Object.assign(new Error(message), { code });
const what = 'PostgreSQL write of 4 rows to "public"."inverter_telemetry"';

describe('sink errors', () => {
  it('makes a permanent failure a non-retriable GWK_SINK_REJECTED with the SQLSTATE and a hint', () => {
    const cause = dbError('42703', 'column "ac_power" of relation "inverter_telemetry" does not exist');
    const error = toSinkError(new RetryFailure(cause, 'permanent', 1), what);
    expect(isGoodweKafkaError(error)).toBe(true);
    expect(error).toMatchObject({
      name: 'SinkError',
      code: 'GWK_SINK_REJECTED',
      retriable: false,
      sqlState: '42703',
      cause,
    });
    expect(error.message).toBe(
      `${what} failed: column "ac_power" of relation "inverter_telemetry" does not exist (SQLSTATE 42703); ` +
        'the table does not match what the sink writes: let ensureTable() add missing columns, fix the column types, or write to another table',
    );
  });

  it('points at the credentials for an authentication failure', () => {
    const error = toSinkError(
      new RetryFailure(dbError('28P01', 'password authentication failed for user "acme"'), 'permanent', 1),
      what,
    );
    expect(error.message).toMatch(/check the user and password of the connection$/);
  });

  it('makes transient errors through every try a retriable GWK_SINK_UNAVAILABLE that says how often it tried', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), { code: 'ECONNREFUSED' });
    const error = toSinkError(new RetryFailure(cause, 'transient', 10), what);
    expect(error).toMatchObject({ code: 'GWK_SINK_UNAVAILABLE', retriable: true, sqlState: undefined });
    expect(error.message).toBe(
      `${what} failed 10 times: connect ECONNREFUSED 10.0.0.5:5432; the database is unreachable or overloaded, try again later`,
    );
  });

  it('says "once" when only one try was allowed', () => {
    expect(
      toSinkError(new RetryFailure(dbError('57P01', 'terminating connection'), 'transient', 1), what).message,
    ).toContain('failed once: terminating connection (SQLSTATE 57P01)');
  });
});
