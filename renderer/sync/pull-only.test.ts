import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { Subject } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../server/app.ts';
import type { Db } from '../../server/db/db.ts';
import { migrate } from '../../server/db/migrate.ts';
import { openPglite } from '../../server/db/pglite.ts';
import { seedDemo } from '../../server/demo/seed.ts';
import { registerDevice } from '../../server/sync/devices.ts';
import { takeSeq } from '../../server/sync/store.ts';
import { kzDate } from '../../shared/rules/local-date.ts';
import { openDeskDatabase, type DeskDatabase } from '../db/database.ts';
import { createCentralClient, type CentralClient } from './central-client.ts';
import { startPullOnly } from './pull-only.ts';
import { createSyncStatus } from './sync-status.ts';

/**
 * The pull of what a desk only reads, against the real server over HTTP: pages with the next one in
 * flight, the checkpoint kept beside the documents so a restart resumes where it stopped, a permit the
 * centre changed is replaced, and a centre that is down is retried.
 */
const TOKEN = 'pull-only-test-token-0123456789abcdef';
let db: Db;
let app: ReturnType<typeof buildServer>;
let url: string;
const storage = getRxStorageMemory();

beforeAll(async () => {
  db = await openPglite();
  await migrate(db);
  await seedDemo(db, { permits: 45, today: kzDate(Date.now()) });
  await registerDevice(db, TOKEN, { checkpointId: 'dostyk-avto', deskId: 'dostyk-avto-1' });
  app = buildServer({ db });
  await app.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
}, 60_000);

afterAll(async () => {
  await app.close();
  await db.close();
});

/** A client that counts the documents it receives. */
function countingClient(serverUrl: string): { client: CentralClient; received: () => number } {
  const client = createCentralClient({ serverUrl, deviceToken: TOKEN, status: createSyncStatus(), timeoutMs: 2_000 });
  let received = 0;
  const pull = client.pull.bind(client);
  return {
    client: { ...client, pull: async (...args: Parameters<typeof pull>) => { const res = await pull(...args); received += res.documents.length; return res; } } as CentralClient,
    received: () => received,
  };
}

async function until(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('pull-only replication of the permits', () => {
  let desk: DeskDatabase;

  it('pulls every page once, resumes from its checkpoint after a restart, and takes a changed permit', async () => {
    desk = await openDeskDatabase(`pull-only-${Date.now()}`, storage, { only: ['permits'] }); // two desks at once must fit RxDB's 13 collections
    const first = countingClient(url);
    let pull = startPullOnly({ collection: desk.permits, name: 'permits', client: first.client, stream$: new Subject(), batchSize: 10, retryMs: 50 });
    await until(async () => (await desk.permits.count().exec()) === 45);
    await pull.stop();
    expect(first.received()).toBe(45); // five pages, none fetched twice by the lookahead
    const [{ last }] = (await db.query<{ last: number }>("SELECT last_seq::float8 AS last FROM collection_seq WHERE name = 'permits'")) as [{ last: number }];
    expect((await desk.permits.getLocal<{ seq: number }>('pull-checkpoint'))?.get('seq')).toBe(last);

    // The centre changes one permit (it gets a new sequence number, as every write does).
    const seq = await takeSeq(db, 'permits', 1);
    await db.query(`UPDATE permits SET seq = $1, doc = jsonb_set(doc, '{carrier,nameRu}', '"ТОО Изменено"') WHERE id = 'A26-000007'`, [seq]);

    // A restart reads the checkpoint from the replica and pulls only what changed since.
    const second = countingClient(url);
    const stream$ = new Subject<unknown>();
    pull = startPullOnly({ collection: desk.permits, name: 'permits', client: second.client, stream$, batchSize: 10, retryMs: 50 });
    stream$.next('RESYNC');
    await until(async () => (await desk.permits.findOne('A26-000007').exec())?.carrier.nameRu === 'ТОО Изменено');
    await pull.stop();
    expect(second.received()).toBe(1);
    expect(await desk.permits.count().exec()).toBe(45);
  });

  it('retries a centre that does not answer, and catches up once it does', async () => {
    const fresh = await openDeskDatabase(`pull-only-retry-${Date.now()}`, storage, { only: ['permits'] });
    const errors: unknown[] = [];
    // Nothing listens on port 9 of this host: every pull fails at once.
    let target = countingClient('http://127.0.0.1:9');
    const client = { ...target.client, pull: (...args: Parameters<CentralClient['pull']>) => target.client.pull(...args) } as CentralClient;
    const pull = startPullOnly({ collection: fresh.permits, name: 'permits', client, stream$: new Subject(), batchSize: 20, retryMs: 50, onError: (err) => errors.push(err) });
    await until(async () => errors.length >= 2);
    expect(pull.lastError()).toMatch(/^permits: /);
    expect(await fresh.permits.count().exec()).toBe(0);
    target = countingClient(url); // the centre is back
    await until(async () => (await fresh.permits.count().exec()) === 45);
    await until(async () => pull.lastError() === null);
    await pull.stop();
    await fresh.remove();
    await desk.remove();
  });
});
