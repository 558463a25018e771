import { ErrorCode } from './error-codes.js';
import { GoodweKafkaError, type GoodweKafkaErrorOptions } from './goodwe-kafka-error.js';

/**
 * Thrown when the topic to read does not exist on the cluster. Check the topic name (GoodWe
 * names it after your distributor code) and that the address points at the right cluster.
 */
export class UnknownTopicError extends GoodweKafkaError {
  constructor(message: string, options: GoodweKafkaErrorOptions = {}) {
    super(ErrorCode.UnknownTopic, message, { retriable: false, ...options });
  }
}
