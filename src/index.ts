// The public API of goodwe-kafka. Every export is listed by name: nothing leaks out by accident.

export { ErrorCode } from './errors/error-codes.js';
export { GoodweKafkaError, isGoodweKafkaError } from './errors/goodwe-kafka-error.js';
export type { GoodweKafkaErrorOptions } from './errors/goodwe-kafka-error.js';
export { AuthenticationError } from './errors/authentication-error.js';
export { AuthorizationError } from './errors/authorization-error.js';
export { ClosedError } from './errors/closed-error.js';
export { ConfigError } from './errors/config-error.js';
export { ConnectionError } from './errors/connection-error.js';
export { InsecureConfigError } from './errors/insecure-config-error.js';
export { KafkaClientError } from './errors/kafka-client-error.js';
export { TimeoutError } from './errors/timeout-error.js';
export { TlsError } from './errors/tls-error.js';
export { UnsupportedFeatureError } from './errors/unsupported-feature-error.js';

export { selfCheck } from './kafka/self-check.js';
export type { SelfCheckReport } from './kafka/self-check.js';

export { silentLogger } from './internal/logger.js';
export type { Logger, LogFields } from './internal/logger.js';
export type { Clock } from './internal/clock.js';
