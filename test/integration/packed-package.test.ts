import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { broker, createTopic, uniqueName } from '../support/kafka.js';
import { produceReadings } from '../support/telemetry.js';

// The package as a user gets it: built, packed, and installed from the tarball into a fresh
// project. Installed with --ignore-scripts, the native Kafka client's addon is never built, which
// is the "no binding" case; linking this checkout's built client in gives the working case.
const root = fileURLToPath(new URL('../..', import.meta.url));
const nativeClient = join(root, 'node_modules', '@confluentinc', 'kafka-javascript');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(
  command: string,
  args: string[],
  cwd: string,
  timeoutMs = 60_000,
  env: NodeJS.ProcessEnv = {},
): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd, timeout: timeoutMs, env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

async function ok(command: string, args: string[], cwd: string, timeoutMs?: number): Promise<string> {
  const result = await run(command, args, cwd, timeoutMs);
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.code}): ${result.stderr}`);
  return result.stdout;
}

const reading = JSON.stringify({ sn: 'PACKED01', last_time: 1_763_600_000_000, pac: 1234, eday: 5.6 });

let scratch: string;
let app: string;
/** Runs a script in the fresh project, as its own file (`.cjs` or `.mjs`), and parses its last line. */
async function script<T>(name: string, source: string, env: NodeJS.ProcessEnv = {}): Promise<T> {
  writeFileSync(join(app, name), source);
  const result = await run(process.execPath, [name], app, 60_000, env);
  const last = result.stdout.trim().split('\n').at(-1) ?? '';
  if (result.code !== 0 || last === '') throw new Error(`${name} failed (${result.code}): ${result.stderr}`);
  return JSON.parse(last) as T;
}

const cli = (args: string[]): Promise<Run> => run(process.execPath, ['node_modules/.bin/goodwe-kafka', ...args], app);

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'goodwe-kafka-packed-'));
  app = join(scratch, 'app');
  mkdirSync(app);
  await ok('npm', ['run', 'build', '--silent'], root, 120_000);
  const tarball = (await ok('npm', ['pack', '--silent', '--pack-destination', scratch], root))
    .trim()
    .split('\n')
    .at(-1)!;
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'packed-app', private: true }));
  // npm installs the zod peer with it; --ignore-scripts leaves the native addon unbuilt.
  await ok(
    'npm',
    ['install', join(scratch, tarball), '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'],
    app,
    120_000,
  );
}, 240_000);

afterAll(() => {
  if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
});

describe('the packed package without the native binding', () => {
  it('decodes telemetry from CommonJS', async () => {
    const decoded = await script<{ ok: boolean; serial: string; acPower: number }>(
      'decode.cjs',
      `const { decodeTelemetry } = require('goodwe-kafka');
       const result = decodeTelemetry(Buffer.from(${JSON.stringify(reading)}));
       console.log(JSON.stringify({ ok: result.ok, serial: result.records[0].value.serialNumber, acPower: result.records[0].value.acPower }));`,
    );
    expect(decoded).toEqual({ ok: true, serial: 'PACKED01', acPower: 1234 });
  });

  it('decodes telemetry and validates with the schema from ESM, and loads the simulator', async () => {
    const decoded = await script<{ ok: boolean; serial: string; schemaOk: boolean; simulated: number }>(
      'decode.mjs',
      `import { decodeTelemetry, inverterTelemetrySchema } from 'goodwe-kafka';
       import { simulateFleet } from 'goodwe-kafka/simulator';
       const result = decodeTelemetry(Buffer.from(${JSON.stringify(reading)}));
       const schemaOk = inverterTelemetrySchema.safeParse(result.records[0].value).success;
       let simulated = 0;
       for (const message of simulateFleet({ inverters: 2, seed: 1 })) if (message) simulated++;
       console.log(JSON.stringify({ ok: result.ok, serial: result.records[0].value.serialNumber, schemaOk, simulated }));`,
    );
    expect(decoded).toMatchObject({ ok: true, serial: 'PACKED01', schemaOk: true });
    expect(decoded.simulated).toBeGreaterThan(0);
  });

  it('prints goodwe-kafka --help', async () => {
    const help = await cli(['--help']);
    expect(help.stderr).toBe('');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Commands:');
  });

  it('reports the missing binding from selfCheck() instead of throwing', async () => {
    const report = await script<{ version: string; code: string | undefined }>(
      'self-check.cjs',
      `const { selfCheck } = require('goodwe-kafka');
       const report = selfCheck();
       console.log(JSON.stringify({ version: report.librdkafkaVersion, code: report.nativeClientError?.code }));`,
    );
    expect(report).toEqual({ version: '', code: 'GWK_NATIVE_CLIENT_MISSING' });
  });

  it('fails the consumer iteration with one NativeClientError saying how to build the client', async () => {
    const failure = await script<{ stage: string; name: string; code: string; branded: boolean; message: string }>(
      'consume-without.mjs',
      `import { createTelemetryConsumer, connectionFromUrl, isGoodweKafkaError } from 'goodwe-kafka';
       let stage = 'create';
       try {
         const consumer = createTelemetryConsumer({ connection: connectionFromUrl('kafka://127.0.0.1:9/T'), groupId: 'g' });
         stage = 'iterate';
         for await (const record of consumer) void record;
         stage = 'ended';
       } catch (error) {
         console.log(JSON.stringify({ stage, name: error.name, code: error.code, branded: isGoodweKafkaError(error), message: error.message }));
       }`,
    );
    expect(failure).toMatchObject({
      stage: 'iterate',
      name: 'NativeClientError',
      code: 'GWK_NATIVE_CLIENT_MISSING',
      branded: true,
    });
    expect(failure.message).toContain('CKJS_LINKING=dynamic');
    expect(failure.message).toContain('zlib1g-dev libssl-dev libzstd-dev liblz4-dev libsasl2-dev libcurl4-openssl-dev');
  });

  it('has doctor report the missing binding as a failed check with the fix', async () => {
    const doctor = await cli(['doctor', '--url', 'kafka://127.0.0.1:9/T', '--json']);
    expect(doctor.stderr).not.toMatch(/\n\s+at /);
    expect(doctor.code).toBe(3);
    const [first] = doctor.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { check: string; status: string; fix?: string });
    expect(first).toMatchObject({ check: 'librdkafka', status: 'fail' });
    expect(first?.fix).toContain('CKJS_LINKING=dynamic');
  });
});

describe('the packed CLI without the native binding', () => {
  it('ends a Kafka command with one line naming the NativeClientError, and exit code 3', async () => {
    const tail = await cli(['tail', '--url', 'kafka://127.0.0.1:9/T']);
    expect(tail.code).toBe(3);
    expect(tail.stderr.trim().split('\n')).toHaveLength(1);
    expect(tail.stderr).toMatch(/^goodwe-kafka: The native Kafka client .*\[GWK_NATIVE_CLIENT_MISSING\]$/m);
  });
});

describe('the packed package in an application on zod 3', () => {
  it('refuses to load with a PeerDependencyError naming the version, from CommonJS and ESM', async () => {
    // A stand-in for zod 3: its schemas have no `_zod`, and it lacks zod 4's API (z.int, ...), so
    // a library that built a schema before checking would fail with a TypeError instead.
    const old = join(scratch, 'zod3-app');
    mkdirSync(join(old, 'node_modules', 'zod'), { recursive: true });
    writeFileSync(join(old, 'package.json'), JSON.stringify({ name: 'zod3-app', private: true }));
    writeFileSync(
      join(old, 'node_modules', 'zod', 'package.json'),
      JSON.stringify({ name: 'zod', version: '3.25.76', main: 'index.js' }),
    );
    writeFileSync(
      join(old, 'node_modules', 'zod', 'index.js'),
      "exports.z = { string: () => ({ _def: { typeName: 'ZodString' } }) };",
    );
    cpSync(join(app, 'node_modules', 'goodwe-kafka'), join(old, 'node_modules', 'goodwe-kafka'), { recursive: true });
    const report = 'console.log(JSON.stringify({ name: error.name, code: error.code, message: error.message }))';
    writeFileSync(join(old, 'load.cjs'), `try { require('goodwe-kafka'); } catch (error) { ${report} }`);
    writeFileSync(join(old, 'load.mjs'), `try { await import('goodwe-kafka'); } catch (error) { ${report} }`);
    for (const file of ['load.cjs', 'load.mjs']) {
      const result = await run(process.execPath, [file], old);
      const failure = JSON.parse(result.stdout.trim() || '{}') as { name?: string; code?: string; message?: string };
      expect(failure, file).toMatchObject({ name: 'PeerDependencyError', code: 'GWK_PEER_DEPENDENCY' });
      expect(failure.message).toContain('zod 3.25.76');
      expect(failure.message).toContain('npm install zod@^4');
    }
  });
});

describe('the packed package with the native binding', () => {
  beforeAll(() => {
    // This checkout's client, built with librdkafka, stands in for the addon the install skipped.
    const installed = join(app, 'node_modules', '@confluentinc', 'kafka-javascript');
    rmSync(installed, { recursive: true, force: true });
    symlinkSync(nativeClient, installed, 'dir');
  });

  it('consumes records from the broker', async () => {
    const { topic, remove } = await createTopic('packed', 1);
    try {
      await produceReadings(topic, 1, 5);
      const consumed = await script<{ serials: string[]; offsets: string[]; version: string }>(
        'consume.mjs',
        `import { createTelemetryConsumer, connectionFromUrl, selfCheck } from 'goodwe-kafka';
         const consumer = createTelemetryConsumer({ connection: connectionFromUrl(process.env.URL), groupId: process.env.GROUP });
         const serials = [];
         const offsets = [];
         for await (const record of consumer) {
           serials.push(record.value.serialNumber);
           offsets.push(record.offset);
           if (offsets.length === 5) break;
         }
         await consumer.close();
         console.log(JSON.stringify({ serials, offsets, version: selfCheck().librdkafkaVersion }));
         process.exit(0);`,
        { URL: `kafka://${broker().plaintext}/${topic}`, GROUP: uniqueName('packed') },
      );
      expect(consumed.offsets).toEqual(['0', '1', '2', '3', '4']);
      expect(new Set(consumed.serials)).toEqual(new Set(['SN-0']));
      expect(consumed.version).toMatch(/^\d+\.\d+\.\d+/);
    } finally {
      await remove();
    }
  });
});
