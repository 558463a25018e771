import { ErrorCode } from './error-codes.js';
import { GoodweKafkaError, type GoodweKafkaErrorOptions } from './goodwe-kafka-error.js';

/**
 * Thrown when the broker rejects the account, the password or the SASL mechanism. Check the credentials GoodWe issued and the `mechanism` option; retrying with the same values will not help.
 */
export class AuthenticationError extends GoodweKafkaError {
  /** Always `AuthenticationError`, also in bundled or minified code. */
  override readonly name: string = 'AuthenticationError';
  constructor(message: string, options: GoodweKafkaErrorOptions = {}) {
    super(ErrorCode.Authentication, message, { retriable: false, ...options });
  }
}
