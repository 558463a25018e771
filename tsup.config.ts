import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // goodwe-kafka/postgres is its own entry, so that only its users load `pg` (an optional peer).
    entry: { index: 'src/index.ts', 'simulator/index': 'src/simulator/index.ts', postgres: 'src/postgres/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    // src/kafka/native.ts loads the native client with createRequire(import.meta.url): the shim
    // gives the CommonJS build a real import.meta.url.
    shims: true,
    // Without it esbuild renames a class that refers to itself (`_TelemetryDecodeError`).
    keepNames: true,
    // The native client must be loaded from the user's node_modules, never bundled.
    external: ['@confluentinc/kafka-javascript', 'pg'],
  },
  {
    entry: { 'cli/main': 'src/cli/main.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    keepNames: true,
    banner: { js: '#!/usr/bin/env node' },
    // `pg` is an optional peer that only `ingest` loads, when it runs.
    external: ['@confluentinc/kafka-javascript', 'pg'],
  },
]);
