// The test configuration of scripts/node-matrix.sh: the project's own, without the type tests
// (they do not depend on Node). The native Kafka client is redirected to the copy built for the
// Node that runs the tests by scripts/node-matrix-resolve.cjs, which the script preloads: the
// library loads the client lazily with createRequire, which a bundler alias would not reach.
import type { TestProjectInlineConfiguration } from 'vitest/config';
import { defineConfig } from 'vitest/config';
import base from '../vitest.config.js';

if (!process.env['GWK_NATIVE_CLIENT'])
  throw new Error('GWK_NATIVE_CLIENT must name the native client to load (set by scripts/node-matrix.sh)');

const withoutTypeTests = (project: TestProjectInlineConfiguration): TestProjectInlineConfiguration => ({
  ...project,
  test: { ...project.test, typecheck: { enabled: false } },
});

export default defineConfig({
  test: {
    // One counted summary line per CI run: the main test run's, not this one's.
    reporters: ['default'],
    projects: (base.test?.projects ?? []).map((project) => withoutTypeTests(project as TestProjectInlineConfiguration)),
  },
});
