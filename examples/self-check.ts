// Prints the linked librdkafka version and its features: run it first when a connection fails
// with UnsupportedFeatureError.
import { selfCheck } from 'goodwe-kafka';

const { librdkafkaVersion, features } = selfCheck();
console.log(`librdkafka ${librdkafkaVersion}: ${features.join(', ')}`);
