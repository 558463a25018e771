import { ErrorCode } from './error-codes.js';
import { GoodweKafkaError, type GoodweKafkaErrorOptions } from './goodwe-kafka-error.js';

/**
 * Thrown when a method is called on a consumer or producer that has already been closed. Create a new one.
 */
export class ClosedError extends GoodweKafkaError {
  /** Always `ClosedError`, also in bundled or minified code. */
  override readonly name: string = 'ClosedError';
  constructor(message: string, options: GoodweKafkaErrorOptions = {}) {
    super(ErrorCode.Closed, message, { retriable: false, ...options });
  }
}
