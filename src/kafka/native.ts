// The one place that loads the native Kafka client. Everything else in the library goes through
// the wrappers in this folder, so the binding can be swapped or upgraded in one place.
import rdkafka from '@confluentinc/kafka-javascript';

export const native = rdkafka;
export type {
  KafkaConsumer as NativeConsumer,
  Producer as NativeProducer,
  IAdminClient as NativeAdmin,
  LibrdKafkaError,
  Message as NativeMessage,
  TopicPartitionOffset,
  MessageHeader,
  Metadata as NativeMetadata,
  TopicDescription as NativeTopicDescription,
} from '@confluentinc/kafka-javascript';
