import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../renderer/audit/audit-log.ts';
import { openDeskDatabase, type DeskDatabase } from '../../renderer/db/database.ts';
import { createCentralClient } from '../../renderer/sync/central-client.ts';
import { startDeskReplication, type DeskReplication } from '../../renderer/sync/replicate.ts';
import { createSyncStatus } from '../../renderer/sync/sync-status.ts';
import type { AuditEntry } from '../../shared/audit/audit-entry.ts';
import type { Alert } from '../../shared/documents/alert.ts';
import { verifyDeskChain } from '../../server/audit/verify-audit.ts';
import { buildServer } from '../../server/app.ts';
import type { Db } from '../../server/db/db.ts';
import { migrate } from '../../server/db/migrate.ts';
import { openPglite } from '../../server/db/pglite.ts';
import { registerDevice } from '../../server/sync/devices.ts';

/**
 * A desk's audit log over the desk's own replication (RxDB push and pull against a real server): entries
 * reach the centre and verify there; a reinstalled desk pulls its chain back and continues it; an entry
 * rewritten at the desk after it was pushed is refused as a conflict, reverted to the centre's copy, and
 * reported as a broken chain.
 */
const storage = getRxStorageMemory();
const DESK = { deskId: 'dostyk-avto-5', checkpointId: 'dostyk-avto' as const, token: 'audit-repl-desk-token-0123456789abcdef' };
const OTHER = { deskId: 'kolzhat-5', checkpointId: 'kolzhat' as const, token: 'audit-repl-other-token-0123456789abcdef' };

let db: Db;
let app: ReturnType<typeof buildServer>;
let url: string;
const open: { db: DeskDatabase; replication: DeskReplication }[] = [];

async function openDesk(desk: typeof DESK | typeof OTHER, name: string) {
  const deskDb = await openDeskDatabase(name, storage, { only: ['audit'] });
  const client = createCentralClient({ serverUrl: url, deviceToken: desk.token, status: createSyncStatus(), timeoutMs: 2_000 });
  const replication = startDeskReplication(deskDb, client, url, { retryMs: 50 });
  open.push({ db: deskDb, replication });
  return { db: deskDb, replication };
}

async function until(what: string, check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const entries = async (d: DeskDatabase) => (await d.audit.find().exec()).map((x) => x.toJSON() as AuditEntry).sort((a, b) => a.seq - b.seq);
const allPushed = async (d: DeskDatabase) => (await d.audit.count({ selector: { receivedAt: 0 } }).exec()) === 0;
const chainAlerts = async () => (await db.query<{ doc: Alert }>(`SELECT doc FROM alerts WHERE doc->>'kind' = 'audit-chain-broken'`)).map((r) => r.doc);

beforeAll(async () => {
  db = await openPglite();
  await migrate(db);
  for (const d of [DESK, OTHER]) await registerDevice(db, d.token, d);
  app = buildServer({ db, rateLimits: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
}, 60_000);

afterAll(async () => {
  for (const o of open) {
    await o.replication.stop();
    await o.db.remove();
  }
  await app.close();
  await db.close();
});

describe('the audit log over the desk’s replication', () => {
  it('reaches the centre, survives a reinstall, and a rewrite at the desk is reverted and reported', async () => {
    const first = await openDesk(DESK, `audit-repl-a-${Date.now()}`);
    const desk = { deskId: DESK.deskId, checkpointId: DESK.checkpointId };
    await Promise.all([1, 2, 3, 4, 5].map((i) => recordAudit(first.db, desk, { kind: i === 1 ? 'login' : 'crossing', userId: 'u1', subject: `A26-00000${i}`, details: { n: i, officer: 'Серікұлы А.' } })));
    await until('the first five at the centre', () => allPushed(first.db));
    expect(await verifyDeskChain(db, DESK.deskId)).toMatchObject({ entries: 5, verdict: { ok: true, lastSeq: 5 } });

    // Reinstalled: an empty replica pulls its own chain back before it writes, and goes on from 5.
    await first.replication.stop();
    const again = await openDesk(DESK, `audit-repl-b-${Date.now()}`);
    await until('the chain pulled back', async () => (await again.db.audit.count().exec()) === 5);
    expect((await recordAudit(again.db, desk, { kind: 'login', userId: 'u1', subject: 'serikuly' }))?.seq).toBe(6);
    await until('the sixth at the centre', () => allPushed(again.db));
    expect(await verifyDeskChain(db, DESK.deskId)).toMatchObject({ entries: 6, verdict: { ok: true, lastSeq: 6 } });
    expect(await chainAlerts()).toEqual([]);

    // Another desk pulls none of it.
    const other = await openDesk(OTHER, `audit-repl-c-${Date.now()}`);
    await recordAudit(other.db, { deskId: OTHER.deskId, checkpointId: OTHER.checkpointId }, { kind: 'login', userId: 'u9', subject: 'x' });
    await until('the other desk’s entry at the centre', () => allPushed(other.db));
    expect((await entries(other.db)).map((e) => e.deskId)).toEqual([OTHER.deskId]);

    // Someone edits an entry in the desk's storage: the centre keeps its copy, says so, and the desk gets it back.
    const target = (await entries(again.db))[2]!;
    await again.db.audit.findOne(target.id).exec().then((d) => d!.incrementalPatch({ subject: 'A26-999999' }));
    await until('the broken-chain alert', async () => (await chainAlerts()).length === 1);
    expect((await chainAlerts())[0]).toMatchObject({ subject: '3', checkpointIds: ['dostyk-avto'], deskIds: [DESK.deskId], recordIds: [target.id], reasons: ['fork'] });
    await until('the desk’s copy reverted', async () => (await again.db.audit.findOne(target.id).exec())?.subject === target.subject);
    expect(await verifyDeskChain(db, DESK.deskId)).toMatchObject({ entries: 6, verdict: { ok: true } });
  }, 60_000);
});
