import { defineConfig } from 'vitest/config';

// Examples import the package by name, as users do; tests run them against the sources.
const source = (path: string): string => new URL(path, import.meta.url).pathname;
const resolve = {
  alias: [
    { find: /^goodwe-kafka$/, replacement: source('./src/index.ts') },
    { find: /^goodwe-kafka\/postgres$/, replacement: source('./src/postgres/index.ts') },
  ],
};

export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      {
        resolve,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          typecheck: { enabled: true, include: ['test/unit/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
        },
      },
      {
        resolve,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          // One real broker and one real PostgreSQL for the whole run, started before any test file
          // and stopped after.
          globalSetup: ['test/support/global-setup.ts', 'test/support/postgres-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Two cores: files share one broker, so running them one at a time keeps timings honest.
          fileParallelism: false,
        },
      },
    ],
  },
});
