import { ErrorCode } from './error-codes.js';
import { GoodweKafkaError, type GoodweKafkaErrorOptions } from './goodwe-kafka-error.js';

/**
 * Thrown by everything that talks to Kafka (consumers, producers, `verifyConnection`, the CLI's
 * Kafka commands) when the native Kafka client, `@confluentinc/kafka-javascript`, cannot be
 * loaded: usually because its addon was never built (an install with `--ignore-scripts`, or a
 * platform without a prebuilt binary and without the libraries to build one). The message says
 * how to build it; the decoder, the schema and `selfCheck()` keep working without it.
 *
 * What to do: install the development packages librdkafka needs and rebuild the client, then
 * start again. Retrying in the same process does not help.
 */
export class NativeClientError extends GoodweKafkaError {
  /** Always `NativeClientError`, also in bundled or minified code. */
  override readonly name: string = 'NativeClientError';
  constructor(message: string, options: GoodweKafkaErrorOptions = {}) {
    super(ErrorCode.NativeClientMissing, message, { retriable: false, ...options });
  }
}
