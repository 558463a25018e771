import { ConfigError } from '../../errors/config-error.js';
import type { SinkRecord } from '../../postgres/sink-columns.js';

/** The demo's table in PostgreSQL: written through the sink, counted at the end, dropped after. */
export interface DemoDatabase extends AsyncDisposable {
  /** The table, quoted and schema-qualified. */
  readonly table: string;
  write(batch: readonly SinkRecord[]): Promise<unknown>;
  /** Rows in the table now. */
  rows(): Promise<number>;
}

/** Opens the demo's table when `url` is given; `undefined` otherwise. */
export async function openDemoDatabase(
  url: string | undefined,
  table: string,
  options: { keep: boolean },
): Promise<DemoDatabase | undefined> {
  if (url === undefined) return undefined;
  // Loaded only here: `pg` is an optional peer.
  const [{ createPostgresSink }, pg] = await Promise.all([import('../../postgres/index.js'), import('pg')]).catch(
    (error: unknown) => {
      throw new ConfigError('demo --to needs the pg package: npm install pg', { cause: error });
    },
  );
  const pool = new pg.default.Pool({ connectionString: url, max: 2 });
  const sink = createPostgresSink({ pool, table });
  await sink.ensureTable();
  return {
    table: sink.table,
    write: (batch) => sink.write(batch),
    rows: async () => Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${sink.table}`)).rows[0]?.n),
    [Symbol.asyncDispose]: async () => {
      await sink.close();
      if (!options.keep) await pool.query(`DROP TABLE IF EXISTS ${sink.table}`).catch(() => undefined);
      await pool.end();
    },
  };
}
