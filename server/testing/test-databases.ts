import { randomBytes } from 'node:crypto';
import type { Db } from '../db/db.ts';
import { migrate } from '../db/migrate.ts';
import { openPglite } from '../db/pglite.ts';
import { openPostgres } from '../db/postgres.ts';

/**
 * The databases the server's tests run on: always in-memory PGlite, and the PostgreSQL server named by
 * TEST_DATABASE_URL when set (CI sets it), each test in a fresh schema dropped afterwards.
 */
export type TestDatabase = { name: string; open(): Promise<{ db: Db; drop(): Promise<void> }> };

export const TEST_DATABASES: TestDatabase[] = [
  {
    name: 'pglite',
    async open() {
      const db = await openPglite();
      await migrate(db);
      return { db, drop: () => db.close() };
    },
  },
];

const url = process.env.TEST_DATABASE_URL;
if (url) {
  TEST_DATABASES.push({
    name: 'postgres',
    async open() {
      const schema = `t_${randomBytes(6).toString('hex')}`;
      const db = await openPostgres(url, { schema, max: 4 });
      await migrate(db);
      return {
        db,
        async drop() {
          await db.exec(`DROP SCHEMA ${schema} CASCADE`);
          await db.close();
        },
      };
    },
  });
}
