import { inject } from 'vitest';
import pg from 'pg';
import { uniqueName } from './kafka.js';

/** The test database's connection string, `''` when there is none (the tests are then skipped). */
export function postgresUrl(): string {
  return inject('postgres');
}

/** A schema of its own for one test, and a function that drops it with everything in it. */
export async function createSchema(prefix = 'sink'): Promise<{ schema: string; drop: () => Promise<void> }> {
  const schema = uniqueName(prefix).replaceAll('-', '_');
  await withClient((client) => client.query(`CREATE SCHEMA ${schema}`));
  return {
    schema,
    drop: () => withClient((client) => client.query(`DROP SCHEMA ${schema} CASCADE`)).then(() => undefined),
  };
}

/** Runs `body` with a fresh connection to the test database, closed afterwards. */
export async function withClient<R>(body: (client: pg.Client) => Promise<R>): Promise<R> {
  const client = new pg.Client({ connectionString: postgresUrl() });
  await client.connect();
  try {
    return await body(client);
  } finally {
    await client.end();
  }
}
