// librdkafka error codes the library reacts to (see librdkafka's rdkafka.h, rd_kafka_resp_err_t).
export const RdCode = {
  transport: -195,
  resolve: -193,
  unknownTopicLocal: -188,
  allBrokersDown: -187,
  timedOut: -185,
  partitionEof: -191,
  ssl: -181,
  authentication: -169,
  fatal: -150,
  unknownTopicOrPartition: 3,
  topicAuthorizationFailed: 29,
  groupAuthorizationFailed: 30,
  saslAuthenticationFailed: 58,
} as const;
