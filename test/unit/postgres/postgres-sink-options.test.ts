import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors/config-error.js';
import { parsePostgresSinkOptions } from '../../../src/postgres/postgres-sink-options.js';

const pool = { query: () => Promise.resolve({ rows: [] }) };

describe('PostgreSQL sink options', () => {
  it('fills in the defaults', () => {
    expect(parsePostgresSinkOptions({ pool })).toMatchObject({
      table: 'inverter_telemetry',
      createTable: true,
      retry: { maxAttempts: 10, initialDelayMs: 250, maxDelayMs: 30_000 },
    });
  });

  it('completes a partial retry option with the defaults', () => {
    expect(parsePostgresSinkOptions({ pool, retry: { maxAttempts: 2 } }).retry).toEqual({
      maxAttempts: 2,
      initialDelayMs: 250,
      maxDelayMs: 30_000,
    });
  });

  it.each([
    [{}, 'connectionString'],
    [{ pool, connectionString: 'postgres://localhost/db' }, 'connectionString'],
    [{ pool: {} }, 'pool'],
    [{ pool, table: '' }, 'table'],
    [{ pool, table: 'x'.repeat(64) }, 'table'],
    [{ pool, retry: { maxAttempts: 0 } }, 'retry.maxAttempts'],
    [{ pool, tabel: 'typo' }, 'options'],
  ])('refuses %j with a ConfigError naming %s', (options, path) => {
    expect(() => parsePostgresSinkOptions(options as never)).toThrow(ConfigError);
    expect(() => parsePostgresSinkOptions(options as never)).toThrow(`option ${path}:`);
  });

  it('never puts the connection string, which holds the password, in the error', () => {
    const connectionString = 'postgres://acme:s3cret-pw@db.example:5432/telemetry';
    let message = '';
    try {
      parsePostgresSinkOptions({ connectionString, pool });
    } catch (error) {
      message = `${String(error)} ${JSON.stringify(error)} ${String((error as Error).cause)}`;
    }
    expect(message).toContain('ConfigError');
    expect(message).not.toContain('s3cret-pw');
  });
});
