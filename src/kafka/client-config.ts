/** A librdkafka configuration: property names as librdkafka documents them (`bootstrap.servers`, ...). */
export type ClientConfig = Record<string, string | number | boolean>;
