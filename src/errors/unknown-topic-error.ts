import { ErrorCode } from './error-codes.js';
import { GoodweKafkaError, type GoodweKafkaErrorOptions } from './goodwe-kafka-error.js';

/**
 * Thrown when the topic does not exist on the cluster. Check the topic (or distributor code)
 * GoodWe gave; GoodWe creates it when it approves the distributor code.
 */
export class UnknownTopicError extends GoodweKafkaError {
  /** Always `UnknownTopicError`, also in bundled or minified code. */
  override readonly name: string = 'UnknownTopicError';
  constructor(message: string, options: GoodweKafkaErrorOptions = {}) {
    super(ErrorCode.UnknownTopic, message, { retriable: false, ...options });
  }
}
