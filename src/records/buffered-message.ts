/** A fetched message, decoded, waiting to be handed out. */
export interface BufferedMessage<R> {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  /** What the iterator hands out for this message: one entry per reading, or one invalid record. */
  readonly items: R[];
  /** Bytes of the message value, for the byte budget. */
  readonly bytes: number;
}
