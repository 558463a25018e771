/**
 * A message as the library's consumers hand it on: the fields the rest of the library reads.
 * librdkafka's own message object has this shape, so it is passed through without a copy.
 */
export interface KafkaMessage {
  readonly topic: string;
  readonly partition: number;
  /** The binding hands offsets out as numbers; they stay exact below 2^53. */
  readonly offset: number;
  /** Kafka record time, epoch milliseconds. */
  readonly timestamp?: number | undefined;
  readonly key?: Buffer | string | null | undefined;
  readonly value: Buffer | null;
  readonly headers?: readonly Readonly<Record<string, Buffer | string>>[] | undefined;
}

/** Bytes of a message's value: what buffer budgets and byte counters count. */
export const bytesOf = (message: KafkaMessage): number => message.value?.length ?? 0;

/** A topic partition. */
export interface Partition {
  /** The topic. */
  topic: string;
  /** The partition number. */
  partition: number;
}

/** A topic partition and an offset (decimal string). */
export interface PartitionOffset extends Partition {
  /** The offset, as a decimal string. */
  offset: string;
  /** Commit metadata stored with the offset (a commit without it leaves none). */
  metadata?: string | undefined;
}
