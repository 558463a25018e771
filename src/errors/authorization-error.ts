import { ErrorCode } from './error-codes.js';
import { GoodweKafkaError, type GoodweKafkaErrorOptions } from './goodwe-kafka-error.js';

/**
 * Thrown when the account is authenticated but may not read the topic or join the consumer group. Ask the cluster operator (GoodWe) to grant access, or check the topic and group names.
 */
export class AuthorizationError extends GoodweKafkaError {
  /** Always `AuthorizationError`, also in bundled or minified code. */
  override readonly name: string = 'AuthorizationError';
  constructor(message: string, options: GoodweKafkaErrorOptions = {}) {
    super(ErrorCode.Authorization, message, { retriable: false, ...options });
  }
}
