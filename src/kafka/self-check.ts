import { NativeClientError } from '../errors/native-client-error.js';
import { UnsupportedFeatureError } from '../errors/unsupported-feature-error.js';
import { loadNative } from './native.js';

/** What the linked native Kafka client can do. */
export interface SelfCheckReport {
  /** librdkafka version, e.g. `2.15.1`; empty when the native client cannot be loaded. */
  librdkafkaVersion: string;
  /** Build features, e.g. `ssl`, `sasl_scram`, `zstd`, `lz4`; none when the native client cannot be loaded. */
  features: readonly string[];
  /**
   * Set when the native client (`@confluentinc/kafka-javascript`) cannot be loaded, usually
   * because its addon was never built: the error every Kafka operation throws, saying how to
   * build it.
   */
  nativeClientError?: NativeClientError;
}

/**
 * Reports the linked librdkafka version and the features it was built with, or, when the native
 * client cannot be loaded, why and how to build it. Never throws.
 *
 * @example
 * ```ts
 * const { librdkafkaVersion, features, nativeClientError } = selfCheck();
 * if (nativeClientError) console.error(nativeClientError.message);
 * else console.log(librdkafkaVersion, features.includes('sasl_scram'));
 * ```
 */
export function selfCheck(): SelfCheckReport {
  try {
    const client = loadNative();
    return { librdkafkaVersion: client.librdkafkaVersion, features: [...client.features] };
  } catch (error) {
    if (!(error instanceof NativeClientError)) throw error;
    return { librdkafkaVersion: '', features: [], nativeClientError: error };
  }
}

/**
 * Throws the report's {@link NativeClientError} when the native client is missing, and an
 * {@link UnsupportedFeatureError} naming every feature in `needed` that the linked librdkafka
 * lacks, and how to get a build that has them.
 */
export function requireFeatures(needed: readonly string[], report: SelfCheckReport = selfCheck()): void {
  if (report.nativeClientError !== undefined) throw report.nativeClientError;
  const missing = needed.filter((feature) => !report.features.includes(feature));
  if (missing.length === 0) return;
  throw new UnsupportedFeatureError(
    `The linked librdkafka ${report.librdkafkaVersion} was built without ${missing.join(', ')}, which this connection needs. ` +
      'Reinstall @confluentinc/kafka-javascript so that it builds librdkafka with them: install the OpenSSL, SASL, zstd and lz4 ' +
      'development packages (Debian: libssl-dev libsasl2-dev libzstd-dev liblz4-dev zlib1g-dev libcurl4-openssl-dev) ' +
      'and run `CKJS_LINKING=dynamic npm rebuild @confluentinc/kafka-javascript`.',
  );
}
