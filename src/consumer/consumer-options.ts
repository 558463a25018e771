import { z } from 'zod';
import { isLogger, toLogger, type Logger } from '../internal/logger.js';
import { parseOptions, unknownOptionError, type Assert, type Equal } from '../internal/strict-options.js';
import { DEFAULT_MAX_TELEMETRY_BYTES } from '../telemetry/decode-telemetry-options.js';
import { KafkaConnection } from '../auth/kafka-connection.js';
import { gapOptionsSchema, type GapOptions } from '../gaps/gap-options.js';
import { catchUpOptionsSchema, type CatchUpOptions } from './catch-up-options.js';

/** What to do with a message that cannot be decoded. */
export const OnInvalid = {
  /** Drop the message; its offset is committed and `stats()` counts it. */
  skip: 'skip',
  /** Yield it as an `InvalidTelemetryRecord` for the loop body to handle. */
  yield: 'yield',
  /** End iteration with its `TelemetryDecodeError`; the offset is not committed. */
  throw: 'throw',
  /** Write it to `deadLetterTopic`, then commit its offset. */
  deadLetter: 'dead-letter',
} as const;
/** One of {@link OnInvalid}'s values. */
export type OnInvalid = (typeof OnInvalid)[keyof typeof OnInvalid];

/** Partitions given to or taken from this consumer. */
export interface PartitionsEvent {
  /** The partitions assigned or revoked, with their topic. */
  partitions: {
    /** The topic of the partition. */
    topic: string;
    /** The partition number. */
    partition: number;
  }[];
}

/**
 * The options of `createTelemetryConsumer` as callers write them. Only `connection` and `groupId`
 * are required. They are validated when the consumer is created: an unknown (for example
 * misspelled) option is a compile error and a `ConfigError` naming it.
 *
 * @example
 * ```ts
 * const options: ConsumerOptionsInput = { connection: connectionFromEnv(), groupId: 'acme-ingest', maxBufferedRecords: 5000 };
 * ```
 */
export interface ConsumerOptionsInput {
  /** Where to read: from `goodweConnection`, `connectionFromEnv` or `connectionFromUrl`. */
  connection: KafkaConnection;
  /** Consumer group id. Instances with the same id share the topic's partitions. */
  groupId: string;
  /**
   * Topics to read.
   * @default [connection.topic]
   */
  topics?: string[] | undefined;
  /**
   * What to do with a message that cannot be decoded: drop it (`'skip'`), yield it as an
   * `InvalidTelemetryRecord` (`'yield'`), end iteration with its `TelemetryDecodeError`
   * (`'throw'`), or write it to `deadLetterTopic` (`'dead-letter'`).
   * @default 'skip'
   */
  onInvalid?: OnInvalid | undefined;
  /**
   * Topic that receives undecodable messages with `onInvalid: 'dead-letter'` (required then).
   * @default none
   */
  deadLetterTopic?: string | undefined;
  /**
   * The schema each reading is validated with: `inverterTelemetrySchema` extended with your own
   * fields, or your own schema; records are typed after it.
   * @default inverterTelemetrySchema
   */
  schema?: z.ZodType | undefined;
  /**
   * IANA zone for telemetry times written without an offset. Such a time in the hour repeated when
   * clocks go back is read as the occurrence closest to the record's Kafka timestamp.
   * @default 'UTC'
   */
  timeZone?: string | undefined;
  /**
   * Messages larger than this are invalid (`GWK_DECODE_TOO_LARGE`). At least 1024.
   * @default 1048576 (1 MiB)
   */
  maxMessageBytes?: number | undefined;
  /**
   * Records held between the fetcher and the loop body before fetching pauses. They wait as the
   * fetched bytes and are decoded when the loop reaches them, so a message carrying an array of
   * readings counts as one until then.
   * @default 10000
   */
  maxBufferedRecords?: number | undefined;
  /**
   * Message bytes held before fetching pauses. At least 1024.
   * @default 33554432 (32 MiB)
   */
  maxBufferedBytes?: number | undefined;
  /**
   * Most messages taken from librdkafka in one batch, 1 to 100000.
   * @default 1000
   */
  fetchBatchSize?: number | undefined;
  /**
   * How often finished offsets are committed, in ms. They are also committed on revoke and close.
   * @default 5000
   */
  commitIntervalMs?: number | undefined;
  /**
   * Limit for connecting, in ms, and for the first `next()` to fail on bad credentials or topic.
   * @default the connection's `connectTimeoutMs`
   */
  connectTimeoutMs?: number | undefined;
  /**
   * How long all brokers may be unreachable, in ms, before iteration ends with an error.
   * @default 60000
   */
  maxUnavailableMs?: number | undefined;
  /**
   * `health()` says `stalled` when a loop body has held its record (or batch) for this long, or
   * when lag is positive and nothing was delivered for this long (ms).
   * @default 60000
   */
  stallTimeoutMs?: number | undefined;
  /**
   * Group session timeout, in ms.
   * @default 45000
   */
  sessionTimeoutMs?: number | undefined;
  /**
   * Limit for `close()` to commit and leave the group, in ms.
   * @default 10000
   */
  closeTimeoutMs?: number | undefined;
  /**
   * How often librdkafka reports its own statistics (broker round trips, prefetch queues, group
   * state), surfaced in `stats().client`; 0 turns them off.
   * @default 30000
   */
  statisticsIntervalMs?: number | undefined;
  /**
   * Where a group without committed offsets starts reading.
   * @default 'earliest'
   */
  autoOffsetReset?: 'earliest' | 'latest' | undefined;
  /**
   * Ends iteration and closes the consumer when aborted.
   * @default none
   */
  signal?: AbortSignal | undefined;
  /**
   * Where the consumer logs: a pino-compatible logger, `consoleLogger({ level })`, or `console`
   * itself. Given once on the connection, it need not be given again here.
   * @default the connection's logger
   */
  logger?: Logger | undefined;
  /**
   * Called after partitions are assigned to this member. A throw is logged and counted in
   * `stats().callbackErrors`; it never breaks the group.
   * @default none
   */
  onAssign?: ((event: PartitionsEvent) => void) | undefined;
  /**
   * Called when partitions were taken away: after their records stopped being handed out, the
   * commit of their finished records was sent and they were released. A throw is logged and
   * counted in `stats().callbackErrors`; it never breaks the group.
   * @default none
   */
  onRevoke?: ((event: PartitionsEvent) => void) | undefined;
  /**
   * Called with a `DataLossError` when records were deleted by retention before they were read:
   * found at assignment (the committed offset is below the earliest retained one) or while running
   * (the consumer's position fell out of retention). A throw or rejection is logged and counted.
   * @default none
   */
  onDataLoss?: ((error: Error) => void) | undefined;
  /**
   * Gap detection, refill from the log and de-duplication: see {@link GapOptions}.
   * @default de-duplication on, refill off
   */
  gaps?: GapOptions | undefined;
  /**
   * How a group far behind catches up: oldest first, or live first with a backfill of the skipped
   * range (`source: 'backfill'`); see {@link CatchUpOptions}.
   * @default mode 'backlog'
   */
  catchUp?: CatchUpOptions | undefined;
  /**
   * Extra librdkafka properties, for tuning. Properties the delivery guarantees rely on
   * (`enable.auto.commit`, `enable.auto.offset.store`, `group.id`, the rebalance and commit
   * callbacks) are refused.
   * @default none
   */
  kafkaConfig?: Record<string, string | number | boolean> | undefined;
}

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

// Validation and defaults of the options documented on ConsumerOptionsInput. A new option is one
// field there (type, TSDoc, @default) and one here; the compiler refuses the build until both exist.
const shape = {
  connection: z.custom<KafkaConnection>((value) => value instanceof KafkaConnection, {
    message: 'must come from goodweConnection(), connectionFromEnv() or connectionFromUrl()',
  }),
  groupId: z.string().trim().min(1, 'groupId must be a non-empty string'),
  topics: z.array(z.string().min(1)).min(1).optional(),
  onInvalid: z.enum(['skip', 'yield', 'throw', 'dead-letter']).default('skip'),
  deadLetterTopic: z.string().min(1).optional(),
  schema: z.custom<z.ZodType>((v) => v instanceof z.ZodType, { message: 'must be a zod schema' }).optional(),
  timeZone: z.string().min(1).default('UTC'),
  maxMessageBytes: z.number().int().min(1024).default(DEFAULT_MAX_TELEMETRY_BYTES),
  maxBufferedRecords: z.number().int().min(1).default(10_000),
  maxBufferedBytes: z
    .number()
    .int()
    .min(1024)
    .default(32 * 1024 * 1024),
  fetchBatchSize: z.number().int().min(1).max(100_000).default(1000),
  commitIntervalMs: positiveMs.default(5000),
  connectTimeoutMs: positiveMs.optional(),
  maxUnavailableMs: positiveMs.default(60_000),
  stallTimeoutMs: positiveMs.default(60_000),
  sessionTimeoutMs: positiveMs.default(45_000),
  closeTimeoutMs: positiveMs.default(10_000),
  statisticsIntervalMs: z.number().int().min(0).default(30_000),
  autoOffsetReset: z.enum(['earliest', 'latest']).default('earliest'),
  signal: z.custom<AbortSignal>((v) => v instanceof AbortSignal).optional(),
  logger: z.custom<Logger>(isLogger).optional(),
  onAssign: z.custom<(event: PartitionsEvent) => void>((v) => typeof v === 'function').optional(),
  onRevoke: z.custom<(event: PartitionsEvent) => void>((v) => typeof v === 'function').optional(),
  onDataLoss: z.custom<(error: Error) => void>((v) => typeof v === 'function').optional(),
  gaps: gapOptionsSchema.optional(),
  catchUp: catchUpOptionsSchema.default({ mode: 'backlog', minLagRecords: 10_000 }),
  kafkaConfig: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
};

// The schema with its full zod type, from which the types below are derived; it is published as a
// plain ZodType so that the documentation shows the option interfaces rather than zod internals.
const schema = z
  .strictObject(shape, { error: unknownOptionError(Object.keys(shape)) })
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
  .transform((o) => ({
    ...o,
    connectTimeoutMs: o.connectTimeoutMs ?? o.connection.connectTimeoutMs,
    logger: o.logger ? toLogger(o.logger) : o.connection.logger,
  }));

// An error here means the interface and the schema list different options, or type one differently.
type _ConsumerOptionsMatchSchema = Assert<Equal<ConsumerOptionsInput, z.input<typeof schema>>>;

/** The options of `createTelemetryConsumer` with defaults applied. */
export type ConsumerOptions = z.output<typeof schema>;

/**
 * Validation and defaults of the options of `createTelemetryConsumer` ({@link ConsumerOptionsInput}),
 * run when the consumer is created. Unknown options are refused.
 */
export const consumerOptionsSchema: z.ZodType<ConsumerOptions, ConsumerOptionsInput> = schema;

/**
 * Validates consumer options and applies defaults.
 * @throws ConfigError naming the first invalid option, or an unknown one with the closest known name.
 */
export function parseConsumerOptions(options: ConsumerOptionsInput): ConsumerOptions {
  return parseOptions(consumerOptionsSchema, options, 'consumer');
}
