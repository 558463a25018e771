// The public API of goodwe-kafka. Every export is listed by name: nothing leaks out by accident.

// First: fails with a PeerDependencyError, before any schema is built, when the app's zod is too old.
import './peer/require-zod-4.js';

// Consuming
export { createTelemetryConsumer } from './consumer/create-telemetry-consumer.js';
export type { ReadingOf, YieldedRecord } from './consumer/create-telemetry-consumer.js';
export { TelemetryConsumer } from './consumer/telemetry-consumer.js';
export { OnInvalid, consumerOptionsSchema } from './consumer/consumer-options.js';
export type { ConsumerOptions, ConsumerOptionsInput, PartitionsEvent } from './consumer/consumer-options.js';
export type { CatchUpOptions } from './consumer/catch-up-options.js';
export type { InvalidTelemetryRecord, RecordSource, TelemetryRecord } from './records/telemetry-record.js';
export type { ConsumerHealth, ConsumerStats, HealthState, PartitionStats } from './consumer/consumer-stats.js';
export type { SeekResult } from './consumer/seek-result.js';
export type { ReplayOptions } from './consumer/replay-window.js';
export type { BatchOptions } from './consumer/batch-options.js';
export type { GapStats } from './gaps/gap-recovery.js';

// Producing
export { createTelemetryProducer } from './producer/create-telemetry-producer.js';
export { TelemetryProducer } from './producer/telemetry-producer.js';
export type { SendRawOptions } from './producer/telemetry-producer.js';
export { producerOptionsSchema, ProducerCompression } from './producer/producer-options.js';
export type { ProducerOptions, ProducerOptionsInput } from './producer/producer-options.js';
export { toWireTelemetry } from './producer/telemetry-wire.js';
export type { TelemetryInput, WireTelemetry } from './producer/telemetry-wire.js';

// Connections
export { goodweConnection } from './auth/goodwe-connection.js';
export { connectionFromEnv, connectionEnvVars } from './auth/connection-from-env.js';
export type { ConnectionFromEnvOptions } from './auth/connection-from-env.js';
export { connectionFromUrl, connectionUrlSchemes } from './auth/connection-from-url.js';
export type { ConnectionFromUrlOptions } from './auth/connection-from-url.js';
export { connectionOptionsSchema, tlsOptionsSchema } from './auth/connection-options.js';
export type { ConnectionOptions, PasswordProvider, TlsOptions } from './auth/connection-options.js';
export type { ClientConfig } from './kafka/client-config.js';
export type { Delivery, OutgoingMessage } from './kafka/kafka-producer.js';
export type { KafkaConnection, SecurityProtocol, TlsSummary } from './auth/kafka-connection.js';
export { SaslMechanism } from './auth/sasl-mechanism.js';
export { verifyConnection } from './kafka/verify-connection.js';
export type { ConnectionReport, VerifyConnectionOptions } from './kafka/verify-connection.js';
export { selfCheck } from './kafka/self-check.js';
export type { SelfCheckReport } from './kafka/self-check.js';

// Telemetry
export { decodeTelemetry } from './telemetry/decode-telemetry.js';
export type { DecodedTelemetry, TelemetryDecodeResult } from './telemetry/decode-telemetry.js';
export { DEFAULT_MAX_TELEMETRY_BYTES } from './telemetry/decode-telemetry-options.js';
export type { DecodeTelemetryOptions } from './telemetry/decode-telemetry-options.js';
export { inverterTelemetrySchema } from './telemetry/inverter-telemetry-schema.js';
export type { CanonicalTelemetryField, InverterTelemetry } from './telemetry/inverter-telemetry-schema.js';
export { telemetryReadingSchema } from './telemetry/telemetry-reading-schema.js';
export { telemetryFields } from './telemetry/telemetry-fields.js';
export type { TelemetryFieldKind, TelemetryFieldSpec } from './telemetry/telemetry-fields.js';
export type { TelemetryUnit } from './telemetry/telemetry-units.js';
export { batteryModeLabels, InverterStatus, inverterStatusLabels, workModeLabels } from './telemetry/status-codes.js';

// Gaps
export { GapOutcome } from './gaps/gap-outcome.js';
export type { GapEvent } from './gaps/gap-outcome.js';
export { gapOptionsSchema } from './gaps/gap-options.js';
export type { GapOptions, ResolvedGapOptions } from './gaps/gap-options.js';
export { MemoryGapStateStore } from './gaps/gap-state-store.js';
export type { GapStateStore, GapStateEntry, OpenGapEntry } from './gaps/gap-state-store.js';
export { FileGapStateStore } from './gaps/file-gap-state-store.js';

// Errors
export { ErrorCode } from './errors/error-codes.js';
export { GoodweKafkaError, isGoodweKafkaError } from './errors/goodwe-kafka-error.js';
export type { GoodweKafkaErrorOptions } from './errors/goodwe-kafka-error.js';
export { AuthenticationError } from './errors/authentication-error.js';
export { AuthorizationError } from './errors/authorization-error.js';
export { ClosedError } from './errors/closed-error.js';
export { ConfigError } from './errors/config-error.js';
export { ConnectionError } from './errors/connection-error.js';
export { DataLossError } from './errors/data-loss-error.js';
export { GapStateError } from './errors/gap-state-error.js';
export { SinkError } from './errors/sink-error.js';
export type { SinkErrorCode, SinkErrorOptions } from './errors/sink-error.js';
export { InsecureConfigError } from './errors/insecure-config-error.js';
export { KafkaClientError } from './errors/kafka-client-error.js';
export { NativeClientError } from './errors/native-client-error.js';
export { PeerDependencyError } from './errors/peer-dependency-error.js';
export { TelemetryDecodeError } from './errors/telemetry-decode-error.js';
export type {
  TelemetryDecodeErrorCode,
  TelemetryDecodeErrorOptions,
  TelemetryMessageLocation,
} from './errors/telemetry-decode-error.js';
export { TimeoutError } from './errors/timeout-error.js';
export { TlsError } from './errors/tls-error.js';
export { UnknownTopicError } from './errors/unknown-topic-error.js';
export { UnsupportedFeatureError } from './errors/unsupported-feature-error.js';

// Logging and time
export { consoleLogger, logLevels, silentLogger } from './host/logger.js';
export type { ConsoleLoggerOptions, Logger, LogFields, LogLevel, MessageFirstLogger } from './host/logger.js';
export type { Clock } from './host/clock.js';
export { observeWithOpenTelemetry } from './metrics/observe-with-open-telemetry.js';
export type {
  MetricsSource,
  OpenTelemetryMeter,
  OpenTelemetryObservable,
} from './metrics/observe-with-open-telemetry.js';
export { consumerMetrics } from './metrics/consumer-metrics.js';
export type { MetricFamily, MetricLabels } from './metrics/metric-family.js';
export { toPrometheusText, PROMETHEUS_CONTENT_TYPE } from './metrics/prometheus-text.js';
export { consumerEventChannels } from './metrics/consumer-events.js';
export type { CommitFailedEvent, DataLossEvent, PausedLongEvent, RebalanceEvent } from './metrics/consumer-events.js';
export type { BrokerStatistics, ClientStatistics, PartitionClientStatistics } from './kafka/client-statistics.js';
export type { Partition, PartitionOffset } from './kafka/kafka-message.js';
