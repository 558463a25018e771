import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

/** What a built module says about one exported error class. */
interface ErrorClassFacts {
  /** The export's name. */
  name: string;
  className: string;
  instanceName: string;
  stackHead: string | undefined;
  message: string;
}

// Loads a built file in a Node process of its own, as an application would, rather than through
// the test runner's module transform (which re-parses minified bundles and once failed on one
// while other test files ran), and reports each exported error class's names.
const inspectScript = `
const [file, format, argsJson] = process.argv.slice(1);
const args = JSON.parse(argsJson);
const load = format === 'cjs' ? async () => require(file) : () => import(require('node:url').pathToFileURL(file).href);
load().then((exports) => {
  const facts = [];
  for (const [name, value] of Object.entries(exports)) {
    if (typeof value !== 'function' || !(value.prototype instanceof Error)) continue;
    const error = new value(...(args[name] ?? []));
    facts.push({ name, className: value.name, instanceName: error.name, stackHead: error.stack?.split('\\n')[0], message: error.message });
  }
  process.stdout.write(JSON.stringify(facts));
});
`;

function errorClassFacts(file: string, format: 'esm' | 'cjs'): ErrorClassFacts[] {
  const out = execFileSync(process.execPath, ['-e', inspectScript, file, format, JSON.stringify(constructorArgs)], {
    encoding: 'utf8',
  });
  return JSON.parse(out) as ErrorClassFacts[];
}

// The library entry of tsup.config.ts, built without type declarations into `outDir`.
async function buildLibrary(outDir: string, overrides: Options = {}): Promise<void> {
  const configs = (Array.isArray(tsupConfig) ? tsupConfig : [tsupConfig]) as Options[];
  const library = configs.find((c) => c.entry !== undefined && 'index' in (c.entry as Record<string, string>))!;
  await build({ ...library, dts: false, sourcemap: false, silent: true, outDir, ...overrides });
}

describe('error class names in the built package', () => {
  let dir: string;
  let esm: ErrorClassFacts[];
  let cjs: ErrorClassFacts[];
  let minified: ErrorClassFacts[];

  beforeAll(async () => {
    // Inside the checkout (.tmp is git-ignored), so that the build resolves zod as the package would.
    const scratch = fileURLToPath(new URL('../../../.tmp/', import.meta.url));
    await mkdir(scratch, { recursive: true });
    dir = await mkdtemp(join(scratch, 'error-names-'));
    await buildLibrary(join(dir, 'dist'));
    // What a user's bundler does when it minifies an application that includes the library.
    await buildLibrary(join(dir, 'min'), { format: ['esm'], minify: true, keepNames: false });
    esm = errorClassFacts(join(dir, 'dist', 'index.js'), 'esm');
    cjs = errorClassFacts(join(dir, 'dist', 'index.cjs'), 'cjs');
    minified = errorClassFacts(join(dir, 'min', 'index.js'), 'esm');
  }, 60_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('exports exactly the error classes this test knows how to construct', () => {
    expect(esm.map((c) => c.name).sort()).toEqual(Object.keys(constructorArgs).sort());
    expect(cjs.map((c) => c.name).sort()).toEqual(Object.keys(constructorArgs).sort());
  });

  it.each(['esm', 'cjs'] as const)('names every %s error class and its instances after the export', (format) => {
    for (const c of format === 'esm' ? esm : cjs) {
      expect(c.className, `${c.name}.name`).toBe(c.name);
      expect(c.instanceName, `new ${c.name}().name`).toBe(c.name);
      expect(c.stackHead, `new ${c.name}().stack`).toBe(`${c.name}: ${c.message}`);
    }
  });

  it('keeps TelemetryDecodeError named TelemetryDecodeError (the bundler made it _TelemetryDecodeError)', () => {
    expect(esm.find((c) => c.name === 'TelemetryDecodeError')?.className).toBe('TelemetryDecodeError');
    expect(cjs.find((c) => c.name === 'TelemetryDecodeError')?.className).toBe('TelemetryDecodeError');
  });

  it('keeps error instance names when an application bundle minifies the library', () => {
    expect(minified.length).toBe(Object.keys(constructorArgs).length);
    for (const c of minified) expect(c.instanceName, c.name).toBe(c.name);
  });
});
