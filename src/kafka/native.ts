// The one place that loads the native Kafka client. Everything else in the library goes through
// the wrappers in this folder, so the binding can be swapped or upgraded in one place.
//
// The client is loaded on first use, not at import: the decoder, the schema and the CLI's help
// must work where its addon was never built (an install with --ignore-scripts, a platform
// without a prebuilt binary). A static import would throw "Could not locate the bindings file"
// from every entry point of the library instead.
import type * as NativeExports from '@confluentinc/kafka-javascript';
import { createRequire } from 'node:module';
import { NativeClientError } from '../errors/native-client-error.js';

/** The module `@confluentinc/kafka-javascript` exports. */
export type NativeModule = typeof NativeExports;

/** How to get a working native client; part of every {@link NativeClientError}. */
export const NATIVE_CLIENT_BUILD_HINT =
  'Build it: install the libraries librdkafka needs (Debian: zlib1g-dev libssl-dev libzstd-dev liblz4-dev libsasl2-dev ' +
  'libcurl4-openssl-dev), then run `CKJS_LINKING=dynamic npm rebuild @confluentinc/kafka-javascript` ' +
  '(or reinstall without --ignore-scripts).';

/** The loader, replaceable by tests. */
let load: () => NativeModule = () =>
  // import.meta.url is shimmed to the file's URL in the CommonJS build (tsup `shims`).
  createRequire(import.meta.url)('@confluentinc/kafka-javascript') as NativeModule;
let loaded: NativeModule | undefined;
let failure: unknown;

/**
 * The native client, loaded on the first call. Throws a {@link NativeClientError} saying how to
 * build it when it cannot be loaded; the failure is remembered, so later calls fail as fast.
 */
export function loadNative(): NativeModule {
  if (loaded !== undefined) return loaded;
  if (failure === undefined) {
    try {
      loaded = load();
      return loaded;
    } catch (error) {
      failure = error;
    }
  }
  // `bindings` lists the thirteen paths it tried on the following lines: they stay in the cause.
  const first = failure instanceof Error ? (failure.message.split('\n')[0] ?? '') : String(failure);
  const reason = first.replace(/\s*Tried:\s*$/, '').trim();
  throw new NativeClientError(
    `The native Kafka client @confluentinc/kafka-javascript cannot be loaded (${reason}). ${NATIVE_CLIENT_BUILD_HINT}`,
    { cause: failure },
  );
}

/**
 * Replaces the loader (tests only): `loader` runs on the next use of {@link native}. Returns a
 * function that restores the real loader.
 */
export function setNativeLoaderForTests(loader: () => NativeModule): () => void {
  const previous = { load, loaded, failure };
  load = loader;
  loaded = undefined;
  failure = undefined;
  return () => {
    ({ load, loaded, failure } = previous);
  };
}

/**
 * The native client's exports (`native.KafkaConsumer`, `native.AdminClient`, ...). Reading any of
 * them loads the client, or throws a {@link NativeClientError}.
 */
export const native: NativeModule = new Proxy({} as NativeModule, {
  get: (_target, key) => Reflect.get(loadNative(), key),
  has: (_target, key) => Reflect.has(loadNative(), key),
});

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
