import { ErrorCode } from './error-codes.js';
import { GoodweKafkaError, type GoodweKafkaErrorOptions } from './goodwe-kafka-error.js';

/**
 * Thrown when no broker can be reached. The message names the addresses tried. Often transient: check the address, the network and any firewall, then retry.
 */
export class ConnectionError extends GoodweKafkaError {
  /** Always `ConnectionError`, also in bundled or minified code. */
  override readonly name: string = 'ConnectionError';
  constructor(message: string, options: GoodweKafkaErrorOptions = {}) {
    super(ErrorCode.Connection, message, { retriable: true, ...options });
  }
}
