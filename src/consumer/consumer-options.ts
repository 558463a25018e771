import { z } from 'zod';
import type { Logger } from '../internal/logger.js';
import { DEFAULT_MAX_TELEMETRY_BYTES } from '../telemetry/decode-telemetry-options.js';
import { KafkaConnection } from '../auth/kafka-connection.js';
import { gapOptionsSchema } from '../gaps/gap-options.js';

/** What to do with a message that cannot be decoded. */
export const OnInvalid = { skip: 'skip', yield: 'yield', throw: 'throw', deadLetter: 'dead-letter' } as const;
/** One of {@link OnInvalid}'s values. */
export type OnInvalid = (typeof OnInvalid)[keyof typeof OnInvalid];

const positiveMs = z.number().int().positive();

// Properties the delivery guarantees rely on: librdkafka must never store or commit an offset the
// loop body has not finished, and the consumer owns the group id and the rebalance and commit callbacks.
const reservedKafkaConfig = [
  'enable.auto.commit',
  'enable.auto.offset.store',
  'group.id',
  'rebalance_cb',
  'offset_commit_cb',
];

/** Partitions given to or taken from this consumer. */
export interface PartitionsEvent {
  partitions: { topic: string; partition: number }[];
}

/**
 * The options of `createTelemetryConsumer`, validated when the consumer is created.
 * Only `connection` and `groupId` are required.
 */
export const consumerOptionsSchema = z
  .object({
    /** Where to read: from `goodweConnection`, `connectionFromEnv` or `connectionFromUrl`. */
    connection: z.custom<KafkaConnection>((value) => value instanceof KafkaConnection, {
      message: 'must come from goodweConnection(), connectionFromEnv() or connectionFromUrl()',
    }),
    /** Consumer group id. Instances with the same id share the topic's partitions. */
    groupId: z.string().trim().min(1, 'groupId must be a non-empty string'),
    /** Topics to read. @default the connection's topic */
    topics: z.array(z.string().min(1)).min(1).optional(),
    /** What to do with a message that cannot be decoded. @default 'skip' */
    onInvalid: z.enum(['skip', 'yield', 'throw', 'dead-letter']).default('skip'),
    /** Topic that receives undecodable messages with `onInvalid: 'dead-letter'`. */
    deadLetterTopic: z.string().min(1).optional(),
    /**
     * The schema each reading is validated with: `inverterTelemetrySchema` extended with your own
     * fields, or your own schema; records are typed after it. @default inverterTelemetrySchema
     */
    schema: z.custom<z.ZodType>((v) => v instanceof z.ZodType, { message: 'must be a zod schema' }).optional(),
    /** IANA zone for telemetry times written without an offset. @default 'UTC' */
    timeZone: z.string().min(1).default('UTC'),
    /** Messages larger than this are invalid (`GWK_DECODE_TOO_LARGE`). @default 1048576 (1 MiB) */
    maxMessageBytes: z.number().int().min(1024).default(DEFAULT_MAX_TELEMETRY_BYTES),
    /** Records held between the fetcher and the loop body before fetching pauses. @default 10000 */
    maxBufferedRecords: z.number().int().min(1).default(10_000),
    /** Message bytes held before fetching pauses. @default 33554432 (32 MiB) */
    maxBufferedBytes: z
      .number()
      .int()
      .min(1024)
      .default(32 * 1024 * 1024),
    /** Most messages taken from librdkafka in one batch. @default 1000 */
    fetchBatchSize: z.number().int().min(1).max(100_000).default(1000),
    /** How often finished offsets are committed. They are also committed on revoke and close. @default 5000 */
    commitIntervalMs: positiveMs.default(5000),
    /** Limit for connecting and for the first `next()` to fail on bad credentials or topic. @default the connection's `connectTimeoutMs` */
    connectTimeoutMs: positiveMs.optional(),
    /** How long all brokers may be unreachable before iteration ends with an error. @default 60000 */
    maxUnavailableMs: positiveMs.default(60_000),
    /** `health()` says `stalled` when lag is positive and nothing was delivered for this long. @default 60000 */
    stallTimeoutMs: positiveMs.default(60_000),
    /** Group session timeout. @default 45000 */
    sessionTimeoutMs: positiveMs.default(45_000),
    /** Limit for `close()` to commit and leave the group. @default 10000 */
    closeTimeoutMs: positiveMs.default(10_000),
    /** Where a new group starts reading. @default 'earliest' */
    autoOffsetReset: z.enum(['earliest', 'latest']).default('earliest'),
    /** Ends iteration and closes the consumer when aborted. */
    signal: z.custom<AbortSignal>((v) => v instanceof AbortSignal).optional(),
    /** Where the consumer logs (pino-compatible). @default silent */
    logger: z.custom<Logger>((v) => typeof v === 'object' && v !== null && 'warn' in v).optional(),
    /** Called after partitions are assigned to this member. */
    onAssign: z.custom<(event: PartitionsEvent) => void>((v) => typeof v === 'function').optional(),
    /**
     * Called when partitions were taken away: after their records stopped being handed out, the
     * commit of their finished records was sent and they were released. A throw is logged and
     * counted in `stats().callbackErrors`; it never breaks the group.
     */
    onRevoke: z.custom<(event: PartitionsEvent) => void>((v) => typeof v === 'function').optional(),
    /** Called when a committed offset fell out of retention and records were lost before they were read. */
    onDataLoss: z.custom<(error: Error) => void>((v) => typeof v === 'function').optional(),
    /**
     * Gap detection, refill from the log and de-duplication (see `GapOptions`). De-duplication is
     * on and refill off by default.
     */
    gaps: gapOptionsSchema.optional(),
    /** Extra librdkafka properties, for tuning. Properties the delivery guarantees rely on are refused. */
    kafkaConfig: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  })
  .superRefine((o, context) => {
    for (const key of Object.keys(o.kafkaConfig ?? {})) {
      if (reservedKafkaConfig.includes(key)) {
        context.addIssue({
          code: 'custom',
          path: ['kafkaConfig', key],
          message: `"${key}" is managed by the consumer to guarantee at-least-once delivery and may not be set`,
        });
      }
    }
  })
  .refine((o) => o.onInvalid !== 'dead-letter' || o.deadLetterTopic !== undefined, {
    message: "onInvalid: 'dead-letter' needs deadLetterTopic",
    path: ['deadLetterTopic'],
  })
  .transform((o) => ({ ...o, connectTimeoutMs: o.connectTimeoutMs ?? o.connection.connectTimeoutMs }));

/** Options as callers write them. */
export type ConsumerOptionsInput = z.input<typeof consumerOptionsSchema>;
/** Options with defaults applied. */
export type ConsumerOptions = z.output<typeof consumerOptionsSchema>;
