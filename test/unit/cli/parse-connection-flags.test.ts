import { describe, expect, it } from 'vitest';
import { connectionFromFlags, connectionFlags, hasConnection } from '../../../src/cli/parse-connection-flags.js';
import { parseCommandArgs } from '../../../src/cli/parse-command-args.js';
import { UsageError } from '../../../src/cli/usage-error.js';
import { BufferWriter } from './fake-io.js';

const parse = (args: string[]) => parseCommandArgs('doctor', args, connectionFlags);

describe('connection flags', () => {
  it('builds a connection from --url', () => {
    const connection = connectionFromFlags(
      'doctor',
      parse(['--url', 'kafka://localhost:9092/ACME01']),
      {},
      new BufferWriter(),
    );
    expect(connection.topic).toBe('ACME01');
    expect(connection.securityProtocol).toBe('plaintext');
  });

  it('refuses other connection flags next to --url', () => {
    const values = parse(['--url', 'kafka://localhost:9092/ACME01', '--account', 'acme']);
    expect(() => connectionFromFlags('doctor', values, {}, new BufferWriter())).toThrow(/--url already holds/);
  });

  it('takes each missing flag from its GOODWE_KAFKA_* variable', () => {
    const env = { GOODWE_KAFKA_PASSWORD: 's3cret', GOODWE_KAFKA_TOPIC: 'ENV01', GOODWE_KAFKA_MECHANISM: 'PLAIN' };
    const values = parse(['--bootstrap-servers', 'kafka.example:9093', '--account', 'acme']);
    const connection = connectionFromFlags('doctor', values, env, new BufferWriter());
    expect(connection).toMatchObject({
      account: 'acme',
      topic: 'ENV01',
      mechanism: 'PLAIN',
      securityProtocol: 'sasl_ssl',
    });
    expect(JSON.stringify(connection)).not.toContain('s3cret');
  });

  it('warns when the password comes from a flag, without repeating it', () => {
    const stderr = new BufferWriter();
    const values = parse([
      '--bootstrap-servers',
      'kafka.example:9093',
      '--account',
      'acme',
      '--password',
      'hunter2',
      '--topic',
      'T',
    ]);
    connectionFromFlags('doctor', values, {}, stderr);
    expect(stderr.text).toMatch(/--password is visible in the process list/);
    expect(stderr.text).not.toContain('hunter2');
  });

  it('uses connectionFromEnv when no flag is given', () => {
    const env = {
      GOODWE_KAFKA_BOOTSTRAP_SERVERS: 'kafka.example:9093',
      GOODWE_KAFKA_ACCOUNT: 'acme',
      GOODWE_KAFKA_PASSWORD: 'pw',
      GOODWE_KAFKA_DISTRIBUTOR_CODE: 'ACME01',
    };
    expect(connectionFromFlags('doctor', parse([]), env, new BufferWriter()).topic).toBe('ACME01');
    expect(hasConnection(parse([]), env)).toBe(true);
  });

  it('prefers GOODWE_KAFKA_URL over the other variables', () => {
    const env = { GOODWE_KAFKA_URL: 'kafka://localhost:9092/URL01', GOODWE_KAFKA_BOOTSTRAP_SERVERS: 'x:1' };
    expect(connectionFromFlags('doctor', parse([]), env, new BufferWriter()).topic).toBe('URL01');
  });

  it('is a usage error when no connection is given at all', () => {
    expect(() => connectionFromFlags('doctor', parse([]), {}, new BufferWriter())).toThrow(UsageError);
    expect(hasConnection(parse(['--topic', 'only-a-prefix']), {})).toBe(false);
  });

  it('needs a password for an account, and a known mechanism', () => {
    const noPassword = parse(['--bootstrap-servers', 'k:9093', '--account', 'acme', '--topic', 'T']);
    expect(() => connectionFromFlags('doctor', noPassword, {}, new BufferWriter())).toThrow(/needs a password/);
    const badMechanism = parse(['--bootstrap-servers', 'k:9093', '--topic', 'T', '--mechanism', 'MD5']);
    expect(() => connectionFromFlags('doctor', badMechanism, {}, new BufferWriter())).toThrow(/--mechanism "MD5"/);
  });

  it('stops at a password without an account, naming GOODWE_KAFKA_ACCOUNT (it connected without SASL)', () => {
    const env = {
      GOODWE_KAFKA_BOOTSTRAP_SERVERS: 'k:9093',
      GOODWE_KAFKA_PASSWORD: 'pw-123',
      GOODWE_KAFKA_TOPIC: 'ACME01',
    };
    expect(() => connectionFromFlags('doctor', parse([]), env, new BufferWriter())).toThrow(
      /^Missing GOODWE_KAFKA_ACCOUNT: set it to the account GoodWe issued$/,
    );
    const flags = parse(['--bootstrap-servers', 'k:9093', '--topic', 'ACME01']);
    expect(() => connectionFromFlags('doctor', flags, env, new BufferWriter())).toThrow(
      /--account \(GOODWE_KAFKA_ACCOUNT\) is missing; a password was given without the account/,
    );
  });

  it('refuses an unknown flag as a usage error', () => {
    expect(() => parse(['--bootstrap', 'x'])).toThrow(UsageError);
  });
});
