// The test configuration of scripts/node-matrix.sh: the project's own, with the native Kafka client
// taken from the copy built for the Node that runs the tests (GWK_NATIVE_CLIENT), since the one in
// node_modules is built for another Node ABI. Type tests are left out: they do not depend on Node.
import type { TestProjectInlineConfiguration } from 'vitest/config';
import { defineConfig } from 'vitest/config';
import base from '../vitest.config.js';

const client = process.env['GWK_NATIVE_CLIENT'];
if (!client) throw new Error('GWK_NATIVE_CLIENT must name the native client to load (set by scripts/node-matrix.sh)');

function withClient(project: TestProjectInlineConfiguration): TestProjectInlineConfiguration {
  const aliases = Object.entries(project.resolve?.alias ?? {}).map(([find, replacement]) => ({ find, replacement }));
  return {
    ...project,
    resolve: {
      ...project.resolve,
      alias: [...aliases, { find: /^@confluentinc\/kafka-javascript$/, replacement: client! }],
    },
    test: { ...project.test, typecheck: { enabled: false } },
  };
}

export default defineConfig({
  test: {
    // One counted summary line per CI run: the main test run's, not this one's.
    reporters: ['default'],
    projects: (base.test?.projects ?? []).map((project) => withClient(project as TestProjectInlineConfiguration)),
  },
});
