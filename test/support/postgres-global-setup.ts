import type { TestProject } from 'vitest/node';
import { postgresBinDir, startPostgres } from './postgres-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The connection string of the test database, or `''` when none could be started. */
    postgres: string;
  }
}

/**
 * Gives the integration tests a PostgreSQL database: the one `DATABASE_URL` names, or a throwaway
 * local server (see `postgres-server.ts`) started once for the run and removed after it.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const external = process.env.DATABASE_URL;
  if (external) {
    project.provide('postgres', external);
    process.stderr.write('[postgres] using the database DATABASE_URL names\n');
    return undefined;
  }
  if (!postgresBinDir()) {
    // Only the PostgreSQL tests need it; they are skipped, and say so, rather than failing the run.
    process.stderr.write(
      '[postgres] no PostgreSQL server binaries (scripts/setup.sh installs them): skipping its tests\n',
    );
    project.provide('postgres', '');
    return undefined;
  }
  const started = Date.now();
  const server = await startPostgres();
  process.stderr.write(
    `[postgres] local PostgreSQL ${server.version} ready in ${Date.now() - started} ms: ${server.url}\n`,
  );
  project.provide('postgres', server.url);
  return () => server.stop();
}
