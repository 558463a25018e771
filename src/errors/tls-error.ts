import { ErrorCode } from './error-codes.js';
import { GoodweKafkaError, type GoodweKafkaErrorOptions } from './goodwe-kafka-error.js';

/**
 * Thrown when the TLS handshake with a broker fails: the certificate is signed by an unknown CA, does not match the host name, or has expired. Pass the CA GoodWe issued with `tls: { ca }`.
 */
export class TlsError extends GoodweKafkaError {
  /** Always `TlsError`, also in bundled or minified code. */
  override readonly name: string = 'TlsError';
  constructor(message: string, options: GoodweKafkaErrorOptions = {}) {
    super(ErrorCode.Tls, message, { retriable: false, ...options });
  }
}
