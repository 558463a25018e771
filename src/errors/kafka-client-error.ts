import { ErrorCode } from './error-codes.js';
import { GoodweKafkaError, type GoodweKafkaErrorOptions } from './goodwe-kafka-error.js';

/**
 * Reports any other error from the Kafka client. The `cause` holds the original client error; `retriable` says whether the client considers it transient.
 */
export class KafkaClientError extends GoodweKafkaError {
  /** Always `KafkaClientError`, also in bundled or minified code. */
  override readonly name: string = 'KafkaClientError';
  constructor(message: string, options: GoodweKafkaErrorOptions = {}) {
    super(ErrorCode.Kafka, message, { retriable: false, ...options });
  }
}
