import { z } from 'zod';
import { ConfigError } from '../errors/config-error.js';

/** Options of `TelemetryConsumer#batches`. */
export interface BatchOptions {
  /** Most records in one batch. */
  maxRecords: number;
  /** Most message bytes in one batch (the size of the Kafka messages the records came from). @default unlimited */
  maxBytes?: number;
  /** How long a batch may wait to fill once it has a first record; 0 yields what is there at once. */
  maxWaitMs: number;
}

const batchOptionsSchema = z
  .object({
    maxRecords: z.number().int().min(1).max(1_000_000),
    maxBytes: z.number().int().min(1).optional(),
    maxWaitMs: z.number().int().min(0),
  })
  .strict();

/** Validates `batches()` options; an unknown or misspelled key is a `ConfigError` naming it. */
export function parseBatchOptions(options: BatchOptions): Required<BatchOptions> {
  const parsed = batchOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const keys = issue && 'keys' in issue ? (issue.keys as string[]).join(', ') : undefined;
    const path = keys ?? (issue?.path.join('.') || 'options');
    const reason = keys ? 'unknown option' : (issue?.message ?? 'invalid value');
    throw new ConfigError(`Invalid batches() option ${path}: ${reason}.`, { cause: parsed.error });
  }
  return { ...parsed.data, maxBytes: parsed.data.maxBytes ?? Number.POSITIVE_INFINITY };
}
