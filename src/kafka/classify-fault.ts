import { RdCode } from './error-codes.js';
import type { ConsumerFault } from './group-consumer.js';
import { isAuthenticationFailure, toGoodweError } from './map-error.js';
import type { LibrdKafkaError } from './native.js';

/**
 * librdkafka's "all brokers down" event. The binding's error events often carry code -1 with only
 * the message, so the message is checked too.
 */
function isAllBrokersDown(error: LibrdKafkaError): boolean {
  return (
    error.code === RdCode.allBrokersDown || /all broker connections are down|brokers are down/i.test(error.message)
  );
}

/** Errors after start that retrying cannot fix: the iteration ends with them. */
function isFatal(error: LibrdKafkaError): boolean {
  return (
    error.isFatal === true ||
    error.code === RdCode.fatal ||
    error.code === RdCode.topicAuthorizationFailed ||
    error.code === RdCode.groupAuthorizationFailed ||
    error.code === RdCode.unknownTopicOrPartition ||
    isAuthenticationFailure(error)
  );
}

/** Types and classifies an error the client reported; `undefined` for the ones that mean nothing. */
export function classifyFault(error: LibrdKafkaError): ConsumerFault | undefined {
  if (error.code === RdCode.timedOut || error.code === RdCode.partitionEof) return undefined;
  const typed = toGoodweError(error, { operation: 'Consuming' });
  if (isAllBrokersDown(error)) return { kind: 'brokers-down', error: typed };
  if (isFatal(error)) return { kind: 'fatal', error: typed };
  return { kind: 'transient', error: typed };
}
