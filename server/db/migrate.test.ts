import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from './migrate.ts';
import { openPglite } from './pglite.ts';

describe('migrations on a PGlite data folder', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('apply once, are recorded, and data survives close and reopen', async () => {
    dir = await mkdtemp(join(tmpdir(), 'shekara-central-'));
    const all = (await readdir(join(import.meta.dirname, 'migrations'))).filter((f) => f.endsWith('.sql')).sort();
    expect(all.slice(0, 2)).toEqual(['001_init.sql', '002_blank_events.sql']);
    const first = await openPglite(dir);
    expect(await migrate(first)).toEqual(all);
    expect(await migrate(first)).toEqual([]);
    await first.query(`INSERT INTO devices (token_hash, checkpoint_id, desk_id) VALUES ('abc', 'dostyk-avto', 'dostyk-avto-1')`);
    await first.close();

    const again = await openPglite(dir);
    try {
      expect(await migrate(again)).toEqual([]);
      expect(await again.query('SELECT version FROM schema_migrations ORDER BY version')).toEqual(all.map((version) => ({ version })));
      expect(await again.query('SELECT desk_id FROM devices')).toEqual([{ desk_id: 'dostyk-avto-1' }]);
    } finally {
      await again.close();
    }
  });

  it('refuse a database migrated by a newer server', async () => {
    const db = await openPglite();
    try {
      await migrate(db);
      await db.query(`INSERT INTO schema_migrations (version) VALUES ('999_future.sql')`);
      await expect(migrate(db)).rejects.toThrow('999_future.sql');
    } finally {
      await db.close();
    }
  });
});
