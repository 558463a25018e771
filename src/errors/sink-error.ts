import { ErrorCode } from './error-codes.js';
import { GoodweKafkaError, type GoodweKafkaErrorOptions } from './goodwe-kafka-error.js';

/** The codes a {@link SinkError} carries. */
export type SinkErrorCode = typeof ErrorCode.SinkRejected | typeof ErrorCode.SinkUnavailable;

/** Options of {@link SinkError}. */
export interface SinkErrorOptions extends GoodweKafkaErrorOptions {
  /** The database's SQLSTATE (`42703`, `08006`, ...), when it gave one. */
  sqlState?: string | undefined;
}

/**
 * Thrown by a sink (`goodwe-kafka/postgres`) when a batch could not be written. Nothing of the batch
 * is stored: it was written in one statement, which failed as a whole.
 *
 * - `GWK_SINK_REJECTED` (`retriable: false`): the database refused the write in a way that retrying
 *   does not fix: the table lacks a column or has another type, the user lacks a privilege, the
 *   password is wrong, a value is out of range. Fix the table or the configuration, then start
 *   again: the records were not committed to Kafka, so they are delivered again.
 * - `GWK_SINK_UNAVAILABLE` (`retriable: true`): connection lost, server restarting, too many
 *   connections, deadlock or serialization failure, through every retry the sink made. Start again
 *   later; nothing is lost.
 *
 * `sqlState` holds the database's error code, `cause` its error (which never holds the password).
 */
export class SinkError extends GoodweKafkaError {
  /** Always `SinkError`, also in bundled or minified code. */
  override readonly name: string = 'SinkError';
  declare readonly code: SinkErrorCode;
  /** The database's SQLSTATE, when it gave one. */
  readonly sqlState: string | undefined;

  constructor(code: SinkErrorCode, message: string, options: SinkErrorOptions = {}) {
    super(code, message, { retriable: code === ErrorCode.SinkUnavailable, ...options });
    this.sqlState = options.sqlState;
  }
}
