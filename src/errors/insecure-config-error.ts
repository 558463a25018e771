import { ErrorCode } from './error-codes.js';
import { GoodweKafkaError, type GoodweKafkaErrorOptions } from './goodwe-kafka-error.js';

/**
 * Thrown when a connection would send the account and password over a plaintext transport. Use TLS (`tls: true`, or a `kafka+sasl-ssl://` URL), or pass `allowInsecure: true` for a trusted local network only.
 */
export class InsecureConfigError extends GoodweKafkaError {
  /** Always `InsecureConfigError`, also in bundled or minified code. */
  override readonly name: string = 'InsecureConfigError';
  constructor(message: string, options: GoodweKafkaErrorOptions = {}) {
    super(ErrorCode.InsecureConfig, message, { retriable: false, ...options });
  }
}
