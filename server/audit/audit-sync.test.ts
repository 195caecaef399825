import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainEntry } from '../../shared/audit/audit-chain.ts';
import { auditEntryHash, type AuditEntryInput } from '../../shared/audit/audit-entry.ts';
import type { Alert } from '../../shared/documents/alert.ts';
import { formatHlc } from '../../shared/ids/hlc.ts';
import { ulid } from '../../shared/ids/ulid.ts';
import type { CheckpointId } from '../../shared/reference/checkpoints.ts';
import { SYNC_PREFIX } from '../../shared/sync/replication.ts';
import type { Db } from '../db/db.ts';
import { openTestServer, pullAll } from '../testing/fixtures.ts';
import { TEST_DATABASES } from '../testing/test-databases.ts';
import { verifyDeskChain } from './verify-audit.ts';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
/** One desk per scenario, so each starts its own chain: desk n of Dostyk-avto, and one at Kolzhat. */
const DESKS = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({ token: `audit-desk-${n}-token-0123456789abcdef`, deskId: `dostyk-avto-${n}`, checkpointId: 'dostyk-avto' as CheckpointId }));
const KOLZHAT = { token: 'audit-kolzhat-token-0123456789abcdef', deskId: 'kolzhat-1', checkpointId: 'kolzhat' as CheckpointId };
type Desk = (typeof DESKS)[number];

let clock = Date.parse('2026-12-02T04:00:00.000Z');

/** A desk's chain of n entries, as recordAudit makes them. */
function chainOf(desk: Desk, n: number, after: AuditEntryInput | null = null): AuditEntryInput[] {
  const out: AuditEntryInput[] = [];
  for (let i = 0; i < n; i++) {
    const at = (clock += 1000);
    out.push(
      chainEntry(out.at(-1) ?? after, {
        id: ulid(at),
        deskId: desk.deskId,
        checkpointId: desk.checkpointId,
        occurredAt: new Date(at).toISOString(),
        hlc: formatHlc({ wallMs: at, counter: 0, node: desk.deskId }),
        kind: i % 2 ? 'crossing' : 'issuance',
        userId: 'u-serikuly',
        subject: `C0${String(100_000 + i)}`,
        details: { officer: 'Серікұлы А.', n: i },
      }),
    );
  }
  return out;
}

describe.each(TEST_DATABASES)('the desks’ audit logs at the centre on $name', (database) => {
  let db: Db;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ db, app, close } = await openTestServer(database, [
      ...[...DESKS, KOLZHAT].map((d): [string, { checkpointId: string; deskId: string }] => [d.token, { checkpointId: d.checkpointId, deskId: d.deskId }]),
    ]));
  });
  afterAll(() => close());

  const push = (desk: { token: string }, entries: object[]) =>
    app.inject({ method: 'POST', url: `${SYNC_PREFIX}/audit/push`, headers: bearer(desk.token), payload: entries.map((d) => ({ assumedMasterState: null, newDocumentState: { ...d, receivedAt: 0, _deleted: false } })) });
  const alertsOf = async (deskId: string) => (await db.query<{ doc: Alert }>(`SELECT doc FROM alerts WHERE doc->>'kind' = 'audit-chain-broken' AND doc->'deskIds' ? $1 ORDER BY seq`, [deskId])).map((r) => r.doc);
  const stored = async (deskId: string) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit WHERE doc->>'deskId' = $1`, [deskId]))[0]!.n;
  const verify = (deskId: string) => verifyDeskChain(db, deskId);

  it('takes a good chain in several pushes and a retry without an alert, and gives it back to its own desk only', async () => {
    const desk = DESKS[0]!;
    const chain = chainOf(desk, 6);
    for (const part of [chain.slice(0, 1), chain.slice(1, 4), chain.slice(4), chain.slice(2, 5)]) {
      const res = await push(desk, part);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual([]);
    }
    expect(await stored(desk.deskId)).toBe(6);
    expect(await alertsOf(desk.deskId)).toEqual([]);
    const own = (await pullAll(app, 'audit', 4, bearer(desk.token))).docs;
    // The retried ones were published again (the desk learns their receivedAt): order by chain number.
    expect(own.map((d) => d.seq as number).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(own.every((d) => (d.receivedAt as number) > 0)).toBe(true);
    expect((await pullAll(app, 'audit', 100, bearer(KOLZHAT.token))).docs).toEqual([]);
    expect((await pullAll(app, 'audit', 100, bearer(DESKS[1]!.token))).docs.filter((d) => d.deskId === desk.deskId)).toEqual([]);
    expect(await verify(desk.deskId)).toEqual({ deskId: desk.deskId, entries: 6, verdict: { ok: true, lastSeq: 6 }, breakCount: 0 });
  });

  it('takes no entry in another desk’s name', async () => {
    const res = await push(KOLZHAT, chainOf(DESKS[0]!, 1));
    expect(res.statusCode).toBe(400);
    expect(res.json().issues[0]).toMatchObject({ path: 'newDocumentState.deskId' });
  });

  // Removing the hash check from verifyChain (or the audit branch of raiseAlerts) leaves this push without an alert.
  it('stores an altered entry all the same and raises one alert for the desk’s checkpoint', async () => {
    const desk = DESKS[1]!;
    const chain = chainOf(desk, 5);
    chain[2] = { ...chain[2]!, subject: 'C0999999' };
    const res = await push(desk, chain);
    expect(res.statusCode, res.body).toBe(200);
    expect(await stored(desk.deskId)).toBe(5);
    const alerts = await alertsOf(desk.deskId);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: 'audit-chain-broken', subject: '3', checkpointIds: ['dostyk-avto'], deskIds: [desk.deskId], recordIds: [chain[2]!.id], reasons: ['hash-mismatch'] });
    // The desk's checkpoint sees it, another checkpoint does not.
    expect((await pullAll(app, 'alerts', 100, bearer(desk.token))).docs.map((a) => a.id)).toContain(alerts[0]!.id);
    expect((await pullAll(app, 'alerts', 100, bearer(KOLZHAT.token))).docs.map((a) => a.id)).not.toContain(alerts[0]!.id);
    // Pushed again (the desk never saw the answer): nothing new.
    await push(desk, chain);
    expect(await alertsOf(desk.deskId)).toHaveLength(1);
    const report = await verify(desk.deskId);
    expect(report).toMatchObject({ entries: 5, verdict: { ok: false, at: 3, reason: 'hash-mismatch', breaks: [{ at: 3, reason: 'hash-mismatch' }] } });
    // A later break beside the one already reported is reported too, not folded into the old alert.
    // (Removing the fresh-only filter in checkAuditPush names the stored entry first, and the alert id repeats.)
    const twin = chainOf(desk, 1, chain[1]!)[0]!;
    await push(desk, [twin]);
    expect(await alertsOf(desk.deskId)).toMatchObject([{ recordIds: [chain[2]!.id] }, { subject: '3', recordIds: [twin.id], reasons: ['fork'] }]);
  });

  // Removing the prevHash check (current.hashes.has(e.prevHash)) leaves this push without an alert.
  it('raises an alert when an entry was altered and hashed again: the next one does not link to it', async () => {
    const desk = DESKS[2]!;
    const chain = chainOf(desk, 4);
    await push(desk, chain.slice(0, 2));
    const altered = { ...chain[2]!, subject: 'C0999999' };
    const res = await push(desk, [{ ...altered, hash: auditEntryHash(altered) }, chain[3]!]);
    expect(res.statusCode).toBe(200);
    expect(await alertsOf(desk.deskId)).toMatchObject([{ subject: '4', recordIds: [chain[3]!.id], reasons: ['prev-mismatch'] }]);
  });

  // Removing the contiguity check (e.seq !== current.seq + 1), or verifying the push alone without the stored chain, misses this gap.
  it('raises an alert when entries are missing before a push', async () => {
    const desk = DESKS[3]!;
    const chain = chainOf(desk, 6);
    await push(desk, chain.slice(0, 2));
    expect(await alertsOf(desk.deskId)).toEqual([]);
    await push(desk, chain.slice(3));
    expect(await alertsOf(desk.deskId)).toMatchObject([{ subject: '4', checkpointIds: ['dostyk-avto'], recordIds: [chain[3]!.id], reasons: ['seq-gap'] }]);
    expect(await stored(desk.deskId)).toBe(5);
  });

  it('raises an alert when a desk’s first push does not start its chain', async () => {
    const desk = DESKS[4]!;
    const chain = chainOf(desk, 3);
    await push(desk, chain.slice(1));
    expect(await alertsOf(desk.deskId)).toMatchObject([{ subject: '2', reasons: ['seq-gap'] }]);
  });

  // Removing the fork check (e.seq === current.seq) leaves this push without an alert: the twin links to entry 2 correctly.
  it('raises one alert for a fork: a second entry under a number already stored', async () => {
    const desk = DESKS[5]!;
    const chain = chainOf(desk, 3);
    await push(desk, chain);
    const twin = chainOf(desk, 1, chain[1]!)[0]!;
    expect(twin.seq).toBe(3);
    const res = await push(desk, [twin]);
    expect(res.statusCode).toBe(200);
    expect(await stored(desk.deskId)).toBe(4); // evidence is kept
    expect(await alertsOf(desk.deskId)).toMatchObject([{ subject: '3', recordIds: [twin.id], reasons: ['fork'] }]);
    expect(await verify(desk.deskId)).toMatchObject({ entries: 4, verdict: { ok: false, at: 3, id: twin.id, reason: 'fork' } });
  });

  // Removing the `rewritten` hand-over in pushAppendOnly answers the conflict but raises nothing.
  it('keeps the stored entry when a desk pushes it again rewritten, and raises an alert', async () => {
    const desk = DESKS[6]!;
    const chain = chainOf(desk, 2);
    await push(desk, chain);
    const rewritten = { ...chain[1]!, details: { officer: 'Басқа', n: 1 } };
    const res = await push(desk, [{ ...rewritten, hash: auditEntryHash(rewritten) }]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject([{ id: chain[1]!.id, hash: chain[1]!.hash }]);
    expect(await alertsOf(desk.deskId)).toMatchObject([{ subject: '2', recordIds: [chain[1]!.id], reasons: ['fork'] }]);
    expect((await verify(desk.deskId)).verdict).toEqual({ ok: true, lastSeq: 2 });
  });

  it('verifies a desk’s whole stored chain again, and finds a row edited or deleted in the database', async () => {
    const desk = DESKS[7]!;
    const chain = chainOf(desk, 4);
    await push(desk, chain);
    expect(await verify(desk.deskId)).toEqual({ deskId: desk.deskId, entries: 4, verdict: { ok: true, lastSeq: 4 }, breakCount: 0 });
    await db.query(`UPDATE audit SET doc = jsonb_set(doc, '{subject}', '"C0000000"') WHERE id = $1`, [chain[1]!.id]);
    expect(await verify(desk.deskId)).toMatchObject({ entries: 4, verdict: { ok: false, at: 2, id: chain[1]!.id, reason: 'hash-mismatch' } });
    await db.query(`DELETE FROM audit WHERE id = $1`, [chain[2]!.id]);
    expect(await verify(desk.deskId)).toMatchObject({
      entries: 3,
      breakCount: 2,
      verdict: {
        breaks: [
          { at: 2, id: chain[1]!.id, reason: 'hash-mismatch' },
          { at: 4, id: chain[3]!.id, reason: 'seq-gap' },
        ],
      },
    });
    expect(await verify('no-such-desk')).toEqual({ deskId: 'no-such-desk', entries: 0, verdict: { ok: true, lastSeq: 0 }, breakCount: 0 });
  });
});
