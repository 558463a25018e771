import { ErrorCode } from './error-codes.js';
import { GoodweKafkaError, type GoodweKafkaErrorOptions } from './goodwe-kafka-error.js';

/**
 * Thrown when an operation does not finish within its time limit. The message names the operation and the limit; it may succeed if tried again.
 */
export class TimeoutError extends GoodweKafkaError {
  /** Always `TimeoutError`, also in bundled or minified code. */
  override readonly name: string = 'TimeoutError';
  constructor(message: string, options: GoodweKafkaErrorOptions = {}) {
    super(ErrorCode.Timeout, message, { retriable: true, ...options });
  }
}
