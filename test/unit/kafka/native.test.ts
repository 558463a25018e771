import { afterEach, describe, expect, it } from 'vitest';
import { goodweConnection } from '../../../src/auth/goodwe-connection.js';
import { runCli } from '../../../src/cli/run-cli.js';
import { ErrorCode } from '../../../src/errors/error-codes.js';
import { isGoodweKafkaError } from '../../../src/errors/goodwe-kafka-error.js';
import { NativeClientError } from '../../../src/errors/native-client-error.js';
import { toClientConfig } from '../../../src/kafka/connection-config.js';
import { native, setNativeLoaderForTests, type NativeModule } from '../../../src/kafka/native.js';
import { requireFeatures, selfCheck } from '../../../src/kafka/self-check.js';
import { fakeIo } from '../cli/fake-io.js';

// What `bindings` throws when the addon was never built (an install with --ignore-scripts).
const bindingsError = (): never => {
  throw new Error(
    'Could not locate the bindings file. Tried:\n → /app/node_modules/@confluentinc/kafka-javascript/build/confluent-kafka-javascript.node\n → /app/node_modules/@confluentinc/kafka-javascript/build/Release/confluent-kafka-javascript.node',
  );
};

const buildHint = [
  'CKJS_LINKING=dynamic',
  'zlib1g-dev libssl-dev libzstd-dev liblz4-dev libsasl2-dev libcurl4-openssl-dev',
];

let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
});

describe('native client loading', () => {
  it('loads the native client only when one of its exports is first read', () => {
    let loads = 0;
    const fake = { librdkafkaVersion: '9.9.9-fake', features: ['ssl'] } as unknown as NativeModule;
    restore = setNativeLoaderForTests(() => {
      loads += 1;
      return fake;
    });
    expect(loads).toBe(0);
    expect(native.librdkafkaVersion).toBe('9.9.9-fake');
    expect(native.features).toEqual(['ssl']);
    expect(loads).toBe(1);
  });

  it('throws one NativeClientError saying how to build it when the binding is missing', () => {
    restore = setNativeLoaderForTests(bindingsError);
    let caught: unknown;
    try {
      void native.KafkaConsumer;
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(NativeClientError);
    expect(isGoodweKafkaError(caught) && caught.code).toBe(ErrorCode.NativeClientMissing);
    const { message, cause } = caught as NativeClientError;
    for (const hint of buildHint) expect(message).toContain(hint);
    expect(message).toContain('(Could not locate the bindings file.)');
    // One line: the thirteen paths the binding was looked for stay in the cause.
    expect(message).not.toContain('\n');
    expect((cause as Error).message).toContain('build/Release');
  });

  it('tries the binding once and fails as fast afterwards', () => {
    let loads = 0;
    restore = setNativeLoaderForTests(() => {
      loads += 1;
      return bindingsError();
    });
    expect(() => native.Producer).toThrow(NativeClientError);
    expect(() => native.AdminClient).toThrow(NativeClientError);
    expect(loads).toBe(1);
  });
});

describe('selfCheck without the native client', () => {
  it('reports the missing binding instead of throwing', () => {
    restore = setNativeLoaderForTests(bindingsError);
    const report = selfCheck();
    expect(report.librdkafkaVersion).toBe('');
    expect(report.features).toEqual([]);
    expect(report.nativeClientError).toBeInstanceOf(NativeClientError);
    expect(() => requireFeatures([], report)).toThrow(NativeClientError);
  });

  it('reports the version and features, and no error, when the binding loads', () => {
    const report = selfCheck();
    expect(report.librdkafkaVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(report.nativeClientError).toBeUndefined();
  });

  it('makes every Kafka client configuration fail with the NativeClientError', async () => {
    restore = setNativeLoaderForTests(bindingsError);
    const connection = goodweConnection({ bootstrapServers: 'localhost:9092', topic: 'T', tls: false });
    await expect(toClientConfig(connection)).rejects.toMatchObject({ code: ErrorCode.NativeClientMissing });
  });
});

describe('doctor without the native client', () => {
  it('reports the missing binding as a failed check with the fix, and exits 3', async () => {
    restore = setNativeLoaderForTests(bindingsError);
    const io = fakeIo();
    const code = await runCli(['doctor', '--url', 'kafka://localhost:9092/T', '--json'], io);
    expect(code).toBe(3);
    const checks = io.stdout.text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { check: string; status: string; fix?: string });
    expect(checks[0]).toMatchObject({ check: 'librdkafka', status: 'fail' });
    for (const hint of buildHint) expect(checks[0]?.fix).toContain(hint);
    expect(checks.at(-1)).toMatchObject({ check: 'topic log', status: 'skip' });
  });
});
