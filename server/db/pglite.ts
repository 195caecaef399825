import { PGlite } from '@electric-sql/pglite';
import type { Db } from './db.ts';

/** Embedded PostgreSQL (WASM): kept on disk in dataDir, or in memory when dataDir is undefined. */
export async function openPglite(dataDir?: string): Promise<Db> {
  const pg = new PGlite(dataDir);
  await pg.waitReady;
  return {
    kind: 'pglite',
    query: async (sql, params) => (await pg.query(sql, params)).rows as never[],
    transaction: (fn) => pg.transaction((tx) => fn({ query: async (sql, params) => (await tx.query(sql, params)).rows as never[] })),
    exec: async (sql) => {
      await pg.exec(sql);
    },
    close: () => pg.close(),
  };
}
