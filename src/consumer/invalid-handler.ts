import type { Logger } from '../internal/logger.js';
import type { InvalidTelemetryRecord } from '../records/telemetry-record.js';
import type { ConsumerOptions } from './consumer-options.js';
import { DeadLetterSink } from './dead-letter-sink.js';

/** Counters of invalid messages, part of `stats()`. */
export interface InvalidCounts {
  invalid: number;
  invalidByCode: Record<string, number>;
  skipped: number;
  deadLettered: number;
}

/** Applies `onInvalid` to a message that could not be decoded. */
export class InvalidHandler {
  readonly counts: InvalidCounts = { invalid: 0, invalidByCode: {}, skipped: 0, deadLettered: 0 };
  #deadLetters: DeadLetterSink | undefined;

  constructor(
    private readonly options: ConsumerOptions,
    private readonly log: Logger,
    /** Fails the consumer with the error (for `onInvalid: 'throw'`). */
    private readonly fail: (error: Error) => void,
  ) {}

  /** The record to yield, or `undefined` when the message was dealt with and is finished. */
  async handle(record: InvalidTelemetryRecord): Promise<InvalidTelemetryRecord | undefined> {
    this.counts.invalid++;
    const { code } = record.error;
    this.counts.invalidByCode[code] = (this.counts.invalidByCode[code] ?? 0) + 1;
    const { onInvalid, deadLetterTopic } = this.options;
    const where = { topic: record.topic, partition: record.partition, offset: record.offset, code: record.error.code };
    if (onInvalid === 'yield') return record;
    if (onInvalid === 'throw') {
      this.fail(record.error);
      throw record.error;
    }
    if (onInvalid === 'dead-letter') {
      this.#deadLetters ??= new DeadLetterSink(this.options, this.log);
      // Moving on only once the dead-letter topic has the message: nothing is lost if this fails.
      try {
        await this.#deadLetters.send(record);
      } catch (error) {
        // The message stays uncommitted; the consumer fails with the reason, so health() says so.
        this.fail(error as Error);
        throw error;
      }
      this.counts.deadLettered++;
      this.log.warn(where, `Invalid message written to ${deadLetterTopic}: ${record.error.message}`);
    } else {
      this.counts.skipped++;
      this.log.warn(where, `Invalid message skipped: ${record.error.message}`);
    }
    return undefined;
  }

  async close(): Promise<void> {
    await this.#deadLetters?.close();
  }
}
