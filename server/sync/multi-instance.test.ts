import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_PREFIX } from '../../shared/sync/replication.ts';
import { buildServer } from '../app.ts';
import type { Db } from '../db/db.ts';
import { migrate } from '../db/migrate.ts';
import { openPostgres } from '../db/postgres.ts';
import { auth, deskCrossing, rowsOf, TOKEN } from '../testing/fixtures.ts';
import { registerDevice } from './devices.ts';

const url = process.env.TEST_DATABASE_URL;

/** Several stateless server instances on one PostgreSQL: a desk may be pointed at any of them. */
describe.skipIf(!url)('two server instances on one PostgreSQL (needs TEST_DATABASE_URL)', () => {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  let dbA: Db;
  let dbB: Db;
  let a: ReturnType<typeof buildServer>;
  let b: ReturnType<typeof buildServer>;
  let urlA: string;
  let urlB: string;

  beforeAll(async () => {
    dbA = await openPostgres(url!, { schema, max: 4 });
    await migrate(dbA);
    dbB = await openPostgres(url!, { schema, max: 4 });
    await registerDevice(dbA, TOKEN, { checkpointId: 'dostyk-avto', deskId: 'dostyk-avto-1' });
    a = buildServer({ db: dbA });
    b = buildServer({ db: dbB });
    urlA = await a.listen({ port: 0, host: '127.0.0.1' });
    urlB = await b.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await dbA.exec(`DROP SCHEMA ${schema} CASCADE`);
    await dbA.close();
    await dbB.close();
  });

  it('a push taken by one instance reaches a desk streaming from the other, and pulls agree', async () => {
    const res = await fetch(`${urlB}${SYNC_PREFIX}/crossings/stream`, { headers: auth });
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    expect((await reader.read()).value).toBe('data: "RESYNC"\n\n');
    const doc = deskCrossing();
    const pushed = await fetch(`${urlA}${SYNC_PREFIX}/crossings/push`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(rowsOf([doc])) });
    expect(await pushed.json()).toEqual([]);
    expect((await reader.read()).value).toBe('data: "RESYNC"\n\n');
    await reader.cancel();
    const pulled = (await (await fetch(`${urlB}${SYNC_PREFIX}/crossings/pull?seq=0&limit=10`, { headers: auth })).json()) as { documents: { id: string }[] };
    expect(pulled.documents.map((d) => d.id)).toEqual([doc.id]);
    // The same record retried through the other instance is still one record.
    await fetch(`${urlB}${SYNC_PREFIX}/crossings/push`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(rowsOf([doc])) });
    expect((await dbA.query<{ n: number }>('SELECT count(*)::int AS n FROM crossings'))[0]!.n).toBe(1);
  });
});
