import { z } from 'zod';
import { KafkaConnection } from '../auth/kafka-connection.js';
import { ConfigError } from '../errors/config-error.js';
import type { Logger } from '../internal/logger.js';
import type { TelemetryInput } from './telemetry-wire.js';

/** Compression codecs the producer can use (all built into the bundled librdkafka). */
export const ProducerCompression = { lz4: 'lz4', zstd: 'zstd', gzip: 'gzip', snappy: 'snappy', none: 'none' } as const;
/** One of {@link ProducerCompression}'s values. */
export type ProducerCompression = (typeof ProducerCompression)[keyof typeof ProducerCompression];

// What the delivery guarantees rest on: no duplicates from retries, every in-sync replica has it.
const reservedKafkaConfig = ['enable.idempotence', 'acks', 'request.required.acks', 'dr_cb', 'dr_msg_cb'];

/** The options of `createTelemetryProducer`, validated when the producer is created. Only `connection` is required. */
export const producerOptionsSchema = z
  .object({
    /** Where to write: from `goodweConnection`, `connectionFromEnv` or `connectionFromUrl`. */
    connection: z.custom<KafkaConnection>((value) => value instanceof KafkaConnection, {
      message: 'must come from goodweConnection(), connectionFromEnv() or connectionFromUrl()',
    }),
    /** Topic to write to. @default the connection's topic */
    topic: z.string().min(1).optional(),
    /** Compression of record batches. @default 'lz4' */
    compression: z.enum(['lz4', 'zstd', 'gzip', 'snappy', 'none']).default('lz4'),
    /**
     * Record key of a reading; records with one key keep their order on one partition.
     * @default the serial number
     */
    key: z.custom<(reading: TelemetryInput) => string | null>((v) => typeof v === 'function').optional(),
    /**
     * Record timestamp: the reading's `time` (so `seekToTime` and replays find readings by when
     * they were taken), or the time of sending. A reading without `time` is stamped now.
     * @default 'reading'
     */
    timestamp: z.enum(['reading', 'now']).default('reading'),
    /** How long a batch may wait to fill up, in ms. @default 5 */
    lingerMs: z.number().int().min(0).max(60_000).default(5),
    /** How long a message may take to be acknowledged (retries included) before it fails. @default 30000 */
    deliveryTimeoutMs: z.number().int().min(1000).default(30_000),
    /** Limit for connecting. @default the connection's `connectTimeoutMs` */
    connectTimeoutMs: z.number().int().positive().optional(),
    /** Cancels connecting; sends after an abort reject with `signal.reason`. */
    signal: z.custom<AbortSignal>((v) => v instanceof AbortSignal).optional(),
    /** Where the producer logs (pino-compatible). @default the connection's logger */
    logger: z.custom<Logger>((v) => typeof v === 'object' && v !== null && 'warn' in v).optional(),
    /** Extra librdkafka properties, for tuning. Idempotence and acks are refused: they are always on. */
    kafkaConfig: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  })
  .strict()
  .superRefine((o, context) => {
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

/** Options of `createTelemetryProducer` as callers write them. */
export type ProducerOptionsInput = z.input<typeof producerOptionsSchema>;
/** Options with defaults applied. */
export type ProducerOptions = z.output<typeof producerOptionsSchema>;

/** Validates producer options; a problem is a `ConfigError` naming the option. */
export function parseProducerOptions(options: ProducerOptionsInput): ProducerOptions {
  const parsed = producerOptionsSchema.safeParse(options);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.join('.') || 'options';
  throw new ConfigError(`Invalid producer option ${path}: ${issue?.message ?? 'invalid value'}.`, {
    cause: parsed.error,
  });
}
