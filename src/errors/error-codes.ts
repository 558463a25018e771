/**
 * Every error the library throws carries one of these stable codes. Codes never change meaning
 * between releases; new ones may be added. Match on `error.code`, not on the message.
 */
export const ErrorCode = {
  /** A configuration value is missing or malformed. */
  Config: 'GWK_CONFIG',
  /** SASL over a plaintext transport, or another insecure setting, was asked for without `allowInsecure`. */
  InsecureConfig: 'GWK_INSECURE_CONFIG',
  /** The linked librdkafka lacks a feature the connection needs (ssl, sasl_scram, ...). */
  UnsupportedFeature: 'GWK_UNSUPPORTED_FEATURE',
  /** The native Kafka client (`@confluentinc/kafka-javascript`) is not built or cannot be loaded. */
  NativeClientMissing: 'GWK_NATIVE_CLIENT_MISSING',
  /** A peer dependency (such as `zod`) is missing or older than this library needs. */
  PeerDependency: 'GWK_PEER_DEPENDENCY',
  /** The broker rejected the account, password or SASL mechanism. */
  Authentication: 'GWK_AUTHENTICATION',
  /** The account is authenticated but not allowed to use the topic or group. */
  Authorization: 'GWK_AUTHORIZATION',
  /** The TLS handshake failed (unknown CA, wrong hostname, bad certificate). */
  Tls: 'GWK_TLS',
  /** No broker could be reached. */
  Connection: 'GWK_CONNECTION',
  /** The topic does not exist. */
  UnknownTopic: 'GWK_UNKNOWN_TOPIC',
  /** An operation did not finish within its time limit. */
  Timeout: 'GWK_TIMEOUT',
  /** Any other error reported by the Kafka client. */
  Kafka: 'GWK_KAFKA',
  /** Records were lost before they could be read (for example, removed by retention). */
  DataLoss: 'GWK_DATA_LOSS',
  /** The operation was used on a closed resource. */
  Closed: 'GWK_CLOSED',
  /** A message is empty. */
  DecodeEmpty: 'GWK_DECODE_EMPTY',
  /** A message is larger than the decoder accepts. */
  DecodeTooLarge: 'GWK_DECODE_TOO_LARGE',
  /** A message is not valid UTF-8. */
  DecodeEncoding: 'GWK_DECODE_ENCODING',
  /** A message is not valid JSON. */
  DecodeJson: 'GWK_DECODE_JSON',
  /** A message is JSON but not an object or an array of objects. */
  DecodeShape: 'GWK_DECODE_SHAPE',
  /** A message has no serial number. */
  DecodeMissingSerial: 'GWK_DECODE_MISSING_SERIAL',
  /** A message failed schema validation. */
  DecodeInvalid: 'GWK_DECODE_INVALID',
  /** Saved gap-detection state could not be read or written (unreadable, corrupt or unwritable file). */
  GapState: 'GWK_GAP_STATE',
  /** The database refused a sink's write for a reason retrying cannot fix (table, type, permission, data). */
  SinkRejected: 'GWK_SINK_REJECTED',
  /** A sink's database stayed unreachable or overloaded through every retry of a write. */
  SinkUnavailable: 'GWK_SINK_UNAVAILABLE',
} as const;

/** The union of every stable error code. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
