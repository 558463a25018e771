// Prints the linked librdkafka version and its features: run it first when a connection fails
// with UnsupportedFeatureError, or NativeClientError when the native client is not built.
import { selfCheck } from 'goodwe-kafka';

const { librdkafkaVersion, features, nativeClientError } = selfCheck();
if (nativeClientError) {
  console.error(nativeClientError.message); // says how to build @confluentinc/kafka-javascript
  process.exitCode = 1;
} else {
  console.log(`librdkafka ${librdkafkaVersion}: ${features.join(', ')}`);
}
