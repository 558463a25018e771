import { AuthorizationError } from '../errors/authorization-error.js';
import type { GoodweKafkaError } from '../errors/goodwe-kafka-error.js';
import { UnknownTopicError } from '../errors/unknown-topic-error.js';
import type { KafkaGroupConsumer } from '../kafka/kafka-group-consumer.js';
import { RdCode } from '../kafka/error-codes.js';
import { isAuthenticationFailure, toGoodweError } from '../kafka/map-error.js';
import type { LibrdKafkaError, NativeMetadata } from '../kafka/native.js';

/**
 * librdkafka's "all brokers down" event. The binding's error events often carry code -1 with only
 * the message, so the message is checked too.
 */
export function isAllBrokersDown(error: LibrdKafkaError): boolean {
  return (
    error.code === RdCode.allBrokersDown || /all broker connections are down|brokers are down/i.test(error.message)
  );
}

/** Errors after start that retrying cannot fix: the iteration ends with them. */
export function isFatalConsumerError(error: LibrdKafkaError): boolean {
  return (
    error.isFatal === true ||
    error.code === RdCode.fatal ||
    error.code === RdCode.topicAuthorizationFailed ||
    error.code === RdCode.groupAuthorizationFailed ||
    error.code === RdCode.unknownTopicOrPartition ||
    isAuthenticationFailure(error)
  );
}

/**
 * Checks, before subscribing, that the topic exists and the account may read it, so that a wrong
 * topic name or a missing grant fails the first `next()` at once instead of consuming nothing.
 */
export async function topicProblem(
  kafka: KafkaGroupConsumer,
  topic: string,
  metadata: NativeMetadata,
  timeoutMs: number,
): Promise<GoodweKafkaError | undefined> {
  if (metadata.topics.some((t) => t.name === topic && t.partitions.length > 0)) return undefined;
  const { error } = await kafka.describeTopic(topic, timeoutMs);
  if (error?.code === RdCode.topicAuthorizationFailed) {
    return new AuthorizationError(
      `Reading topic ${topic} failed: this account is not authorised to read it. Ask the cluster operator (GoodWe) for access.`,
      {
        cause: error,
      },
    );
  }
  if (error === undefined) return undefined;
  if (error.code === RdCode.unknownTopicOrPartition) {
    return new UnknownTopicError(
      `Topic ${topic} does not exist. Check the topic (your distributor code) and the broker address.`,
      {
        cause: error,
      },
    );
  }
  return toGoodweError(error, { operation: `Describing topic ${topic}` });
}
