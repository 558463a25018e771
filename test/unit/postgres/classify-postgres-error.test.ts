import { describe, expect, it } from 'vitest';
import { classifyPostgresError, sqlStateOf } from '../../../src/postgres/classify-postgres-error.js';

const dbError = (code: string, message = 'error'): Error =>
  Object.assign(new Error(message), { code, severity: 'ERROR' });
const socketError = (code: string): Error => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code });

describe('classifying PostgreSQL errors', () => {
  it.each([
    ['08006', 'connection failure'],
    ['08001', 'cannot establish a connection'],
    ['40001', 'serialization failure'],
    ['40P01', 'deadlock'],
    ['53300', 'too many connections'],
    ['53100', 'disk full'],
    ['57P01', 'admin shutdown (pg_terminate_backend, fast shutdown)'],
    ['57P02', 'crash shutdown'],
    ['57P03', 'server starting up'],
    ['55P03', 'lock timeout'],
    ['25006', 'read-only transaction during a failover'],
  ])('retries SQLSTATE %s (%s)', (code) => {
    expect(classifyPostgresError(dbError(code))).toBe('transient');
  });

  it.each([
    ['42703', 'undefined column'],
    ['42804', 'datatype mismatch'],
    ['42P01', 'undefined table'],
    ['42501', 'insufficient privilege'],
    ['28P01', 'wrong password'],
    ['3D000', 'no such database'],
    ['22003', 'numeric value out of range'],
    ['23502', 'not null violation'],
    ['40002', 'integrity constraint violation at commit'],
    ['XX000', 'internal error'],
  ])('stops on SQLSTATE %s (%s)', (code) => {
    expect(classifyPostgresError(dbError(code))).toBe('permanent');
  });

  it.each(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN'])('retries socket error %s', (code) => {
    expect(classifyPostgresError(socketError(code))).toBe('transient');
  });

  it('stops on a host name that does not resolve', () => {
    expect(classifyPostgresError(socketError('ENOTFOUND'))).toBe('permanent');
  });

  it.each([
    'Connection terminated unexpectedly',
    'Connection terminated',
    'Client has encountered a connection error and is not queryable',
    'timeout exceeded when trying to connect',
  ])('retries node-postgres "%s"', (message) => {
    expect(classifyPostgresError(new Error(message))).toBe('transient');
  });

  it('stops on anything it does not know, so a bug is never retried forever', () => {
    expect(classifyPostgresError(new TypeError('x is not a function'))).toBe('permanent');
    expect(classifyPostgresError('a string')).toBe('permanent');
    expect(classifyPostgresError(undefined)).toBe('permanent');
  });

  it('reads the SQLSTATE only from a five-character code', () => {
    expect(sqlStateOf(dbError('42P01'))).toBe('42P01');
    expect(sqlStateOf(socketError('ECONNRESET'))).toBeUndefined();
    expect(sqlStateOf(socketError('EPIPE'))).toBeUndefined();
    expect(sqlStateOf(null)).toBeUndefined();
  });
});
