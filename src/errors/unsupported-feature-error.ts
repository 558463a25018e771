import { ErrorCode } from './error-codes.js';
import { GoodweKafkaError, type GoodweKafkaErrorOptions } from './goodwe-kafka-error.js';

/**
 * Thrown when the linked librdkafka build lacks a feature a connection needs (for example `ssl` or `sasl_scram`). The message says which feature and how to get a build that has it.
 */
export class UnsupportedFeatureError extends GoodweKafkaError {
  /** Always `UnsupportedFeatureError`, also in bundled or minified code. */
  override readonly name: string = 'UnsupportedFeatureError';
  constructor(message: string, options: GoodweKafkaErrorOptions = {}) {
    super(ErrorCode.UnsupportedFeature, message, { retriable: false, ...options });
  }
}
