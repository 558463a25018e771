import { ErrorCode } from './error-codes.js';
import { GoodweKafkaError } from './goodwe-kafka-error.js';

/**
 * Reports records that were removed from Kafka before they were read: the group's committed
 * offset fell out of the topic's retention. Consumption goes on from the earliest retained record;
 * the lost range is in `from` (inclusive) and `to` (exclusive). Delivered through the consumer's
 * `onDataLoss` option and its log, never thrown. Read faster, or ask for a longer retention.
 */
export class DataLossError extends GoodweKafkaError {
  /** Always `DataLossError`, also in bundled or minified code. */
  override readonly name: string = 'DataLossError';
  constructor(
    /** The topic of the partition that lost records. */
    readonly topic: string,
    /** The partition that lost records. */
    readonly partition: number,
    /** First lost offset. */
    readonly from: string,
    /** First offset still retained. */
    readonly to: string,
  ) {
    super(
      ErrorCode.DataLoss,
      `Records ${topic}[${partition}] offsets ${from} to ${BigInt(to) - 1n} were removed by retention before they were read; ` +
        `consumption goes on from offset ${to}. Consume faster or ask for a longer retention.`,
    );
  }
}
