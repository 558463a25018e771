import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    // Without it esbuild renames a class that refers to itself (`_TelemetryDecodeError`).
    keepNames: true,
    // The native client must be loaded from the user's node_modules, never bundled.
    external: ['@confluentinc/kafka-javascript'],
  },
  {
    entry: { 'cli/main': 'src/cli/main.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    keepNames: true,
    banner: { js: '#!/usr/bin/env node' },
    external: ['@confluentinc/kafka-javascript'],
  },
]);
