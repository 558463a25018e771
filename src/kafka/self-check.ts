import { UnsupportedFeatureError } from '../errors/unsupported-feature-error.js';
import { native } from './native.js';

/** What the linked native Kafka client can do. */
export interface SelfCheckReport {
  /** librdkafka version, e.g. `2.15.1`. */
  librdkafkaVersion: string;
  /** Build features, e.g. `ssl`, `sasl_scram`, `zstd`, `lz4`. */
  features: readonly string[];
}

/**
 * Reports the linked librdkafka version and the features it was built with.
 *
 * @example
 * ```ts
 * const { librdkafkaVersion, features } = selfCheck();
 * console.log(librdkafkaVersion, features.includes('sasl_scram'));
 * ```
 */
export function selfCheck(): SelfCheckReport {
  return { librdkafkaVersion: native.librdkafkaVersion, features: [...native.features] };
}

/**
 * Throws an {@link UnsupportedFeatureError} naming every feature in `needed` that the linked
 * librdkafka lacks, and how to get a build that has them.
 */
export function requireFeatures(needed: readonly string[], report: SelfCheckReport = selfCheck()): void {
  const missing = needed.filter((feature) => !report.features.includes(feature));
  if (missing.length === 0) return;
  throw new UnsupportedFeatureError(
    `The linked librdkafka ${report.librdkafkaVersion} was built without ${missing.join(', ')}, which this connection needs. ` +
      'Reinstall @confluentinc/kafka-javascript so that it builds librdkafka with them: install the OpenSSL, SASL, zstd and lz4 ' +
      'development packages (Debian: libssl-dev libsasl2-dev libzstd-dev liblz4-dev zlib1g-dev libcurl4-openssl-dev) ' +
      'and run `CKJS_LINKING=dynamic npm rebuild @confluentinc/kafka-javascript`.',
  );
}
