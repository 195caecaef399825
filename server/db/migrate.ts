import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.ts';

/** From source the migrations sit beside this module; in the bundle (dist/server) build copies them beside main.js. */
function migrationsDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const dir of [join(here, 'migrations'), join(here, 'db/migrations')]) if (existsSync(dir)) return dir;
  throw new Error(`no migrations folder next to ${here}`);
}

/**
 * Applies the numbered SQL files not applied yet, each in its own transaction, in order. A database
 * that was migrated by a newer server than this one is refused rather than guessed at.
 */
export async function migrate(db: Db, dir = migrationsDir()): Promise<string[]> {
  await db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
  const files = (await readdir(dir)).filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f)).sort();
  const done = new Set((await db.query<{ version: string }>('SELECT version FROM schema_migrations')).map((r) => r.version));
  const unknown = [...done].filter((v) => !files.includes(v));
  if (unknown.length > 0) throw new Error(`database has migrations this server does not know: ${unknown.join(', ')}`);
  const applied: string[] = [];
  for (const file of files) {
    if (done.has(file)) continue;
    const sql = await readFile(join(dir, file), 'utf8');
    await db.transaction(async (tx) => {
      for (const statement of sql.split(/;\s*$/m).map((s) => s.trim()).filter(Boolean)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [file]);
    });
    applied.push(file);
  }
  return applied;
}
