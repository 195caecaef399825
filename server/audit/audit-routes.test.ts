import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainEntry } from '../../shared/audit/audit-chain.ts';
import type { AuditEntryInput } from '../../shared/audit/audit-entry.ts';
import { formatHlc } from '../../shared/ids/hlc.ts';
import { ulid } from '../../shared/ids/ulid.ts';
import { SYNC_PREFIX } from '../../shared/sync/replication.ts';
import type { Db } from '../db/db.ts';
import { openTestServer } from '../testing/fixtures.ts';
import { TEST_DATABASES } from '../testing/test-databases.ts';

const ADMIN = 'central-admin-token-0123456789abcdef';
const DESK = { token: 'audit-route-desk-token-0123456789abcdef', deskId: 'dostyk-avto-1', checkpointId: 'dostyk-avto' as const };
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

function chain(n: number): AuditEntryInput[] {
  const out: AuditEntryInput[] = [];
  for (let i = 0; i < n; i++) {
    const at = Date.parse('2026-12-02T04:00:00.000Z') + i * 1000;
    out.push(chainEntry(out.at(-1) ?? null, { id: ulid(at), deskId: DESK.deskId, checkpointId: DESK.checkpointId, occurredAt: new Date(at).toISOString(), hlc: formatHlc({ wallMs: at, counter: 0, node: DESK.deskId }), kind: 'login', userId: 'u1', subject: 'serikuly', details: {} }));
  }
  return out;
}

describe.each(TEST_DATABASES)('GET /admin/api/audit/verify on $name', (database) => {
  let db: Db;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ db, app, close } = await openTestServer(database, [
      [DESK.token, { checkpointId: DESK.checkpointId, deskId: DESK.deskId }],
      [ADMIN, { checkpointId: 'centre', deskId: 'admin', role: 'admin' }],
    ]));
  });
  afterAll(() => close());

  const verify = (deskId: string, headers: Record<string, string> = bearer(ADMIN)) => app.inject({ url: `/admin/api/audit/verify?deskId=${encodeURIComponent(deskId)}`, headers });

  it('answers the administrator with the desk’s whole chain verified again', async () => {
    const entries = chain(3);
    const pushed = await app.inject({ method: 'POST', url: `${SYNC_PREFIX}/audit/push`, headers: bearer(DESK.token), payload: entries.map((d) => ({ assumedMasterState: null, newDocumentState: { ...d, receivedAt: 0, _deleted: false } })) });
    expect(pushed.statusCode, pushed.body).toBe(200);
    expect((await verify(DESK.deskId)).json()).toEqual({ deskId: DESK.deskId, entries: 3, verdict: { ok: true, lastSeq: 3 }, breakCount: 0 });
    await db.query(`UPDATE audit SET doc = jsonb_set(doc, '{userId}', '"u2"') WHERE id = $1`, [entries[0]!.id]);
    expect((await verify(DESK.deskId)).json()).toMatchObject({ entries: 3, verdict: { ok: false, at: 1, reason: 'hash-mismatch' } });
    expect((await verify('')).statusCode).toBe(400);
  });

  it('is the administrator’s only: a desk’s token is refused, and no token', async () => {
    expect((await verify(DESK.deskId, bearer(DESK.token))).statusCode).toBe(403);
    expect((await verify(DESK.deskId, {})).statusCode).toBe(401);
  });
});
