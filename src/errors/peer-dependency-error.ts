import { ErrorCode } from './error-codes.js';
import { GoodweKafkaError, type GoodweKafkaErrorOptions } from './goodwe-kafka-error.js';

/**
 * Thrown when a peer dependency the application provides is too old for this library, such as
 * `zod` 3 where the library needs `zod` 4. The message names the package, the version found and
 * the version needed.
 *
 * What to do: upgrade the package in the application (`npm install zod@^4`) and start again.
 */
export class PeerDependencyError extends GoodweKafkaError {
  /** Always `PeerDependencyError`, also in bundled or minified code. */
  override readonly name: string = 'PeerDependencyError';
  constructor(message: string, options: GoodweKafkaErrorOptions = {}) {
    super(ErrorCode.PeerDependency, message, { retriable: false, ...options });
  }
}
