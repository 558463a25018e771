import { ErrorCode } from './error-codes.js';
import { GoodweKafkaError, type GoodweKafkaErrorOptions } from './goodwe-kafka-error.js';

/**
 * Thrown when a configuration value (an option, an environment variable, a part of a connection URL) is missing or malformed. The message names the value and says what a valid one looks like; fix the configuration and start again.
 */
export class ConfigError extends GoodweKafkaError {
  /** Always `ConfigError`, also in bundled or minified code. */
  override readonly name: string = 'ConfigError';
  constructor(message: string, options: GoodweKafkaErrorOptions = {}) {
    super(ErrorCode.Config, message, { retriable: false, ...options });
  }
}
