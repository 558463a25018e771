/** Whether trying a failed statement again may succeed. */
export type ErrorClass = 'transient' | 'permanent';

// SQLSTATE classes and codes that say "the same statement may work in a moment"
// (https://www.postgresql.org/docs/current/errcodes-appendix.html).
const transientClasses = new Set([
  '08', // connection exception: lost, refused, failure during connect
  '53', // insufficient resources: too many connections, disk full, out of memory
  '57', // operator intervention: admin/crash shutdown, cannot connect now, statement cancelled
]);
const transientCodes = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '40003', // statement_completion_unknown
  '55P03', // lock_not_available (lock_timeout)
  '25006', // read_only_sql_transaction: a failover is promoting a standby
  '58030', // io_error
]);
// Socket errors of Node itself, raised before PostgreSQL could answer.
const transientSocketCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
]);
// node-postgres reports a dropped connection or a pool timeout with a message and no code.
const transientMessages =
  /connection terminated|connection error|not queryable|timeout exceeded when trying to connect|query read timeout/i;

/**
 * The SQLSTATE of a database error: five digits and capitals, at least one a digit (every
 * PostgreSQL code has one; Node's `EPIPE` has the same shape but none), or `undefined`.
 */
export function sqlStateOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && /\d/.test(code) ? code : undefined;
}

/**
 * Sorts an error from node-postgres into transient (retry the statement) and permanent (stop): by
 * SQLSTATE class when the server answered, by socket error code or node-postgres's message when
 * the connection failed. Anything unknown is permanent, so a bug is never retried forever.
 */
export function classifyPostgresError(error: unknown): ErrorClass {
  const sqlState = sqlStateOf(error);
  if (sqlState !== undefined) {
    return transientClasses.has(sqlState.slice(0, 2)) || transientCodes.has(sqlState) ? 'transient' : 'permanent';
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && transientSocketCodes.has(code)) return 'transient';
  const message = error instanceof Error ? error.message : '';
  return transientMessages.test(message) ? 'transient' : 'permanent';
}
