import { ErrorCode } from '../errors/error-codes.js';
import { SinkError } from '../errors/sink-error.js';
import { sqlStateOf } from './classify-postgres-error.js';
import type { RetryFailure } from './write-retry.js';

function hint(sqlState: string | undefined): string {
  switch (sqlState?.slice(0, 2)) {
    case '42':
      return 'the table does not match what the sink writes: let ensureTable() add missing columns, fix the column types, or write to another table';
    case '28':
      return 'check the user and password of the connection';
    case '3D':
      return 'create the database, or fix its name in the connection';
    case '22':
    case '23':
      return 'a value was refused: check the table constraints and column types';
    default:
      return 'see the cause for details';
  }
}

/**
 * The `SinkError` for a write that failed for good: `GWK_SINK_UNAVAILABLE` (retriable) when the
 * last error was transient, `GWK_SINK_REJECTED` with a hint from the SQLSTATE class otherwise.
 * `what` names the operation and the table; nothing of the connection goes into the message.
 */
export function toSinkError(failure: RetryFailure, what: string): SinkError {
  const sqlState = sqlStateOf(failure.error);
  const reason = failure.error instanceof Error ? failure.error.message : String(failure.error);
  const state = sqlState === undefined ? '' : ` (SQLSTATE ${sqlState})`;
  if (failure.errorClass === 'transient') {
    return new SinkError(
      ErrorCode.SinkUnavailable,
      `${what} failed ${failure.attempts === 1 ? 'once' : `${failure.attempts} times`}: ${reason}${state}; the database is unreachable or overloaded, try again later`,
      { cause: failure.error, sqlState },
    );
  }
  return new SinkError(ErrorCode.SinkRejected, `${what} failed: ${reason}${state}; ${hint(sqlState)}`, {
    cause: failure.error,
    sqlState,
  });
}
