import { z } from 'zod';
import { KafkaConnection } from '../auth/kafka-connection.js';
import type { Logger } from '../internal/logger.js';
import { parseOptions, unknownOptionError, type Assert, type Equal } from '../internal/strict-options.js';
import type { TelemetryInput } from './telemetry-wire.js';

/** Compression codecs the producer can use (all built into the bundled librdkafka). */
export const ProducerCompression = {
  /** LZ4: fast, with a good ratio on JSON telemetry. */
  lz4: 'lz4',
  /** Zstandard: the best ratio, at more CPU. */
  zstd: 'zstd',
  /** gzip: for brokers or tools that read nothing newer. */
  gzip: 'gzip',
  /** Snappy: fast, with a lower ratio. */
  snappy: 'snappy',
  /** No compression. */
  none: 'none',
} as const;
/** One of {@link ProducerCompression}'s values. */
export type ProducerCompression = (typeof ProducerCompression)[keyof typeof ProducerCompression];

/**
 * The options of `createTelemetryProducer` as callers write them. Only `connection` is required.
 * They are validated when the producer is created: an unknown (for example misspelled) option is
 * a compile error and a `ConfigError` naming it.
 *
 * @example
 * ```ts
 * const options: ProducerOptionsInput = { connection: connectionFromEnv(), compression: 'zstd', lingerMs: 20 };
 * ```
 */
export interface ProducerOptionsInput {
  /** Where to write: from `goodweConnection`, `connectionFromEnv` or `connectionFromUrl`. */
  connection: KafkaConnection;
  /**
   * Topic to write to.
   * @default the connection's topic
   */
  topic?: string | undefined;
  /**
   * Compression of record batches.
   * @default 'lz4'
   */
  compression?: ProducerCompression | undefined;
  /**
   * Record key of a reading; records with one key keep their order on one partition.
   * @default the serial number
   */
  key?: ((reading: TelemetryInput) => string | null) | undefined;
  /**
   * Record timestamp: the reading's `time` (so `seekToTime` and replays find readings by when
   * they were taken), or the time of sending. A reading without `time` is stamped now.
   * @default 'reading'
   */
  timestamp?: 'reading' | 'now' | undefined;
  /**
   * How long a batch may wait to fill up, in ms, 0 to 60000.
   * @default 5
   */
  lingerMs?: number | undefined;
  /**
   * How long a message may take to be acknowledged (retries included) before it fails, in ms. At least 1000.
   * @default 30000
   */
  deliveryTimeoutMs?: number | undefined;
  /**
   * Limit for connecting, in ms.
   * @default the connection's `connectTimeoutMs`
   */
  connectTimeoutMs?: number | undefined;
  /**
   * Cancels connecting; sends after an abort reject with `signal.reason`.
   * @default none
   */
  signal?: AbortSignal | undefined;
  /**
   * Where the producer logs (pino-compatible).
   * @default the connection's logger
   */
  logger?: Logger | undefined;
  /**
   * Extra librdkafka properties, for tuning. Idempotence and acks are refused: they are always on.
   * @default none
   */
  kafkaConfig?: Record<string, string | number | boolean> | undefined;
}

// What the delivery guarantees rest on: no duplicates from retries, every in-sync replica has it.
const reservedKafkaConfig = ['enable.idempotence', 'acks', 'request.required.acks', 'dr_cb', 'dr_msg_cb'];

// Validation and defaults of the options documented on ProducerOptionsInput; the compiler keeps the two in step.
const shape = {
  connection: z.custom<KafkaConnection>((value) => value instanceof KafkaConnection, {
    message: 'must come from goodweConnection(), connectionFromEnv() or connectionFromUrl()',
  }),
  topic: z.string().min(1).optional(),
  compression: z.enum(['lz4', 'zstd', 'gzip', 'snappy', 'none']).default('lz4'),
  key: z.custom<(reading: TelemetryInput) => string | null>((v) => typeof v === 'function').optional(),
  timestamp: z.enum(['reading', 'now']).default('reading'),
  lingerMs: z.number().int().min(0).max(60_000).default(5),
  deliveryTimeoutMs: z.number().int().min(1000).default(30_000),
  connectTimeoutMs: z.number().int().positive().optional(),
  signal: z.custom<AbortSignal>((v) => v instanceof AbortSignal).optional(),
  logger: z.custom<Logger>((v) => typeof v === 'object' && v !== null && 'warn' in v).optional(),
  kafkaConfig: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
};

// The schema with its full zod type, from which the types below are derived; it is published as a
// plain ZodType so that the documentation shows the option interfaces rather than zod internals.
const schema = z.strictObject(shape, { error: unknownOptionError(Object.keys(shape)) }).superRefine((o, context) => {
  for (const key of Object.keys(o.kafkaConfig ?? {})) {
    if (reservedKafkaConfig.includes(key)) {
      context.addIssue({
        code: 'custom',
        path: ['kafkaConfig', key],
        message: `"${key}" is managed by the producer (idempotent, acks=all) and may not be set`,
      });
    }
  }
});

// An error here means the interface and the schema list different options, or type one differently.
type _ProducerOptionsMatchSchema = Assert<Equal<ProducerOptionsInput, z.input<typeof schema>>>;

/** The options of `createTelemetryProducer` with defaults applied. */
export type ProducerOptions = z.output<typeof schema>;

/**
 * Validation and defaults of the options of `createTelemetryProducer` ({@link ProducerOptionsInput}),
 * run when the producer is created. Unknown options are refused.
 */
export const producerOptionsSchema: z.ZodType<ProducerOptions, ProducerOptionsInput> = schema;

/**
 * Validates producer options and applies defaults.
 * @throws ConfigError naming the first invalid option, or an unknown one with the closest known name.
 */
export function parseProducerOptions(options: ProducerOptionsInput): ProducerOptions {
  return parseOptions(producerOptionsSchema, options, 'producer');
}
