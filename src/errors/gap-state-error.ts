import { ErrorCode } from './error-codes.js';
import { GoodweKafkaError, type GoodweKafkaErrorOptions } from './goodwe-kafka-error.js';

/**
 * Thrown by a `GapStateStore` when saved gap-detection state cannot be loaded or saved: the file is
 * unreadable, unwritable or corrupt. The message names the file. A corrupt file is not retriable:
 * delete it and the state is rebuilt from the log on the next partition assignment; an I/O failure
 * may succeed if tried again.
 */
export class GapStateError extends GoodweKafkaError {
  /** Always `GapStateError`, also in bundled or minified code. */
  override readonly name: string = 'GapStateError';
  constructor(message: string, options: GoodweKafkaErrorOptions = {}) {
    super(ErrorCode.GapState, message, { retriable: false, ...options });
  }
}
