import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Options } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import tsupConfig from '../../../tsup.config.js';

// Constructor arguments for every exported error class; a new class must be added here, or the
// first test fails.
const constructorArgs: Record<string, unknown[]> = {
  GoodweKafkaError: ['GWK_CONFIG', 'failed'],
  AuthenticationError: ['failed'],
  AuthorizationError: ['failed'],
  ClosedError: ['failed'],
  ConfigError: ['failed'],
  ConnectionError: ['failed'],
  DataLossError: ['ACME01', 0, '1', '2'],
  GapStateError: ['failed'],
  InsecureConfigError: ['failed'],
  KafkaClientError: ['failed'],
  NativeClientError: ['failed'],
  PeerDependencyError: ['failed'],
  SinkError: ['GWK_SINK_REJECTED', 'failed'],
  TelemetryDecodeError: ['GWK_DECODE_JSON', 'failed'],
  TimeoutError: ['failed'],
  TlsError: ['failed'],
  UnknownTopicError: ['failed'],
  UnsupportedFeatureError: ['failed'],
};

type Exports = Record<string, unknown>;
type ErrorClass = new (...args: unknown[]) => Error;

function errorClasses(exports: Exports): [string, ErrorClass][] {
  return Object.entries(exports).filter(
    (entry): entry is [string, ErrorClass] =>
      typeof entry[1] === 'function' && (entry[1] as { prototype: unknown }).prototype instanceof Error,
  );
}

// The library entry of tsup.config.ts, built without type declarations into `outDir`.
async function buildLibrary(outDir: string, overrides: Options = {}): Promise<void> {
  const configs = (Array.isArray(tsupConfig) ? tsupConfig : [tsupConfig]) as Options[];
  const library = configs.find((c) => c.entry !== undefined && 'index' in (c.entry as Record<string, string>))!;
  await build({ ...library, dts: false, sourcemap: false, silent: true, outDir, ...overrides });
}

describe('error class names in the built package', () => {
  let dir: string;
  let esm: Exports;
  let cjs: Exports;
  let minified: Exports;

  beforeAll(async () => {
    // Inside the checkout (.tmp is git-ignored), so that the build resolves zod as the package would.
    const scratch = fileURLToPath(new URL('../../../.tmp/', import.meta.url));
    await mkdir(scratch, { recursive: true });
    dir = await mkdtemp(join(scratch, 'error-names-'));
    await buildLibrary(join(dir, 'dist'));
    // What a user's bundler does when it minifies an application that includes the library.
    await buildLibrary(join(dir, 'min'), { format: ['esm'], minify: true, keepNames: false });
    esm = (await import(pathToFileURL(join(dir, 'dist', 'index.js')).href)) as Exports;
    cjs = createRequire(import.meta.url)(join(dir, 'dist', 'index.cjs')) as Exports;
    minified = (await import(pathToFileURL(join(dir, 'min', 'index.js')).href)) as Exports;
  }, 60_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('exports exactly the error classes this test knows how to construct', () => {
    expect(errorClasses(esm).map(([name]) => name)).toEqual(expect.arrayContaining(Object.keys(constructorArgs)));
    expect(errorClasses(esm)).toHaveLength(Object.keys(constructorArgs).length);
  });

  it.each(['esm', 'cjs'] as const)('names every %s error class and its instances after the export', (format) => {
    for (const [name, Class] of errorClasses(format === 'esm' ? esm : cjs)) {
      expect(Class.name, `${name}.name`).toBe(name);
      const error = new Class(...constructorArgs[name]!);
      expect(error.name, `new ${name}().name`).toBe(name);
      expect(error.stack?.split('\n')[0], `new ${name}().stack`).toBe(`${name}: ${error.message}`);
    }
  });

  it('keeps TelemetryDecodeError named TelemetryDecodeError (the bundler made it _TelemetryDecodeError)', () => {
    expect((esm['TelemetryDecodeError'] as ErrorClass).name).toBe('TelemetryDecodeError');
    expect((cjs['TelemetryDecodeError'] as ErrorClass).name).toBe('TelemetryDecodeError');
  });

  it('keeps error instance names when an application bundle minifies the library', () => {
    for (const [name, Class] of errorClasses(minified)) {
      expect(new Class(...constructorArgs[name]!).name, name).toBe(name);
    }
  });
});
