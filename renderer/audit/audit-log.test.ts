import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../../shared/audit/audit-chain.ts';
import type { AuditEntry } from '../../shared/audit/audit-entry.ts';
import { samplePermit } from '../../test/fixtures/permits.ts';
import { deskJournalEntry } from '../../test/fixtures/journal.ts';
import { openDeskDatabase, type DeskDatabase } from '../db/database.ts';
import { deskTestStock } from '../db/desk-stock.test-support.ts';
import { recordJournalEntry } from '../documents/record-journal.ts';
import type { SyncStatus } from '../sync/sync-status.ts';
import { confirmHandover, markPrinted, reserveBlank, spoilBlank, type IssuanceContext } from '../issue/issuance.ts';
import { closeShift, openShift } from '../shift/shift-records.ts';
import { recordCrossing } from '../verify/record-crossing.ts';
import { auditFailures$, clip, recordAudit, setAuditChainReady } from './audit-log.ts';

const DESK = { deskId: 'dostyk-avto-1', checkpointId: 'dostyk-avto' } as const;

let db: DeskDatabase | null = null;
afterEach(async () => {
  await db?.remove();
  db = null;
});

const open = async (name = `t-audit-${Math.random()}`, only: Parameters<typeof openDeskDatabase>[2] = { only: ['audit', 'crossings', 'journal', 'blankEvents'] }) => (db = await openDeskDatabase(name, undefined, only));
const chainOf = async (d: DeskDatabase) => (await d.audit.find({ sort: [{ deskId: 'asc' }, { seq: 'asc' }] }).exec()).map((x) => x.toJSON() as AuditEntry);

describe('the desk’s audit log', () => {
  // Removing the queue (serialised() in audit-log.ts) makes these calls read the same last entry: seqs repeat.
  it('numbers 50 entries made at once 1..50, each chained to the one before', async () => {
    const d = await open();
    const written = await Promise.all(Array.from({ length: 50 }, (_, i) => recordAudit(d, DESK, { kind: 'login', userId: `u${i}`, subject: `user-${i}` })));
    expect(written.map((e) => e!.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const chain = await chainOf(d);
    expect(chain.map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(verifyChain(chain)).toEqual({ ok: true, lastSeq: 50 });
    // Stamped in order too, and waiting for the centre.
    expect(chain.map((e) => e.hlc)).toEqual([...chain.map((e) => e.hlc)].sort());
    expect(chain.every((e) => e.receivedAt === 0)).toBe(true);
  });

  it('continues the chain after a reopen, and after a reinstall pulled its entries back', async () => {
    const name = `t-audit-${Math.random()}`;
    let d = await open(name);
    await recordAudit(d, DESK, { kind: 'login', userId: 'u1', subject: 'serikuly' });
    await recordAudit(d, DESK, { kind: 'config-change', userId: 'u1', subject: 'thermal-printer', details: { from: 'tcp', to: 'serial' } });
    const before = await chainOf(d);
    await d.close();
    d = await open(name);
    await recordAudit(d, DESK, { kind: 'logout', userId: 'u1', subject: 'serikuly' });
    expect(verifyChain(await chainOf(d))).toEqual({ ok: true, lastSeq: 3 });

    // A fresh replica holding what the centre sent back (receivedAt stamped), another desk's entry beside it.
    const fresh = await openDeskDatabase(`t-audit-${Math.random()}`, undefined, { only: ['audit'] });
    try {
      await fresh.audit.bulkInsert([...before.map((e) => ({ ...e, receivedAt: 1 })), { ...before[1]!, id: '01JZZZZZZZZZZZZZZZZZZZZZZZ', deskId: 'dostyk-avto-2', seq: 9 }]);
      const next = await recordAudit(fresh, DESK, { kind: 'login', userId: 'u2', subject: 'amanov' });
      expect(next).toMatchObject({ seq: 3, prevHash: before[1]!.hash });
    } finally {
      await fresh.remove();
    }
  });

  // Without the wait in recordAudit (setAuditChainReady), the login below starts a second chain at 1: a fork at the centre.
  it('on a reinstalled desk, waits for its chain to come back before adding to it', async () => {
    const source = await open();
    await recordAudit(source, DESK, { kind: 'login', userId: 'u1', subject: 'serikuly' });
    await recordAudit(source, DESK, { kind: 'logout', userId: 'u1', subject: 'serikuly' });
    const before = await chainOf(source);
    const fresh = await openDeskDatabase(`t-audit-${Math.random()}`, undefined, { only: ['audit'] });
    try {
      let pulled!: () => void;
      setAuditChainReady(fresh, new Promise<void>((resolve) => (pulled = resolve)));
      const login = recordAudit(fresh, DESK, { kind: 'login', userId: 'u2', subject: 'amanov' });
      // The first pull lands a moment later with the desk's chain.
      await new Promise((r) => setTimeout(r, 50));
      await fresh.audit.bulkInsert(before.map((e) => ({ ...e, receivedAt: 1 })));
      pulled();
      expect(await login).toMatchObject({ seq: 3, prevHash: before[1]!.hash });
      expect(verifyChain(await chainOf(fresh))).toEqual({ ok: true, lastSeq: 3 });
    } finally {
      await fresh.remove();
    }
  });

  // Removing the catch in recordAuditQuietly makes recordCrossing reject although the crossing was stored.
  it('never loses the record when its audit entry cannot be written; the next entry still chains', async () => {
    const d = await open();
    const failures: string[] = [];
    const sub = auditFailures$.subscribe((f) => failures.push(f.input.kind));
    const insert = d.audit.insert.bind(d.audit);
    d.audit.insert = () => Promise.reject(new Error('QuotaExceededError'));
    try {
      const crossing = await recordCrossing(d, { permit: samplePermit(), documentNumber: 'A26-000001', direction: 'exit', ...DESK, officerName: 'Серікұлы А.', plate: '123ABC02' });
      expect(await d.crossings.findOne(crossing.id).exec()).not.toBeNull();
      expect(failures).toEqual(['crossing']);
    } finally {
      d.audit.insert = insert;
      sub.unsubscribe();
    }
    await recordCrossing(d, { permit: samplePermit({ id: 'A26-000002', applicationNumber: 'A26-000002' }), documentNumber: 'A26-000002', direction: 'exit', ...DESK, officerName: 'Серікұлы А.', plate: '123ABC02' });
    const chain = await chainOf(d);
    expect(chain.map((e) => [e.seq, e.kind, e.subject])).toEqual([[1, 'crossing', 'A26-000002']]);
    expect(verifyChain(chain).ok).toBe(true);
  });

  it('refuses an entry the schema would refuse, writing nothing, and the chain goes on', async () => {
    const d = await open();
    await recordAudit(d, DESK, { kind: 'login', userId: 'u1', subject: 'a' });
    await expect(recordAudit(d, DESK, { kind: 'login', userId: 'u1', subject: 'x'.repeat(81) })).rejects.toThrow();
    await recordAudit(d, DESK, { kind: 'logout', userId: 'u1', subject: clip(`${'x'.repeat(79)}🚚`, 80) });
    expect(verifyChain(await chainOf(d))).toEqual({ ok: true, lastSeq: 2 });
  });

  it('writes nothing on a replica opened without the audit log', async () => {
    const d = await open(undefined, { only: ['crossings'] });
    expect(await recordAudit(d, DESK, { kind: 'login', userId: null, subject: 'x' })).toBeNull();
    await recordCrossing(d, { permit: samplePermit(), documentNumber: 'A26-000001', direction: 'exit', ...DESK, officerName: 'Серікұлы А.', plate: '123ABC02' });
    expect(await d.crossings.count().exec()).toBe(1);
  });

  it('records crossings, handovers, spoils, journal entries and overrides as they are made', async () => {
    const d = await open();
    await d.blankEvents.bulkInsert(deskTestStock());
    const ctx: IssuanceContext = { db: d, ...DESK, officerName: 'Серікұлы А.', userId: 'u-serikuly' };
    await recordCrossing(d, { permit: samplePermit(), documentNumber: 'A26-000001', direction: 'exit', ...DESK, officerName: 'Серікұлы А.', plate: '123ABC02', userId: 'u-serikuly' });
    await reserveBlank(ctx, 'A26-000001');
    await markPrinted(ctx, 'C0100001');
    await confirmHandover(ctx, 'C0100001');
    await reserveBlank(ctx, 'A26-000006');
    await spoilBlank(ctx, 'C0100002', 'misprint');
    const { id, hlc, occurredAt, provisional, dataSyncedAt, ...draft } = deskJournalEntry();
    const nowMs = Date.parse(occurredAt);
    const sync: SyncStatus = { isOnline: true, lastSyncAt: nowMs, lastError: null };
    await recordJournalEntry(d, draft, { sync, seen: [], userId: 'u-serikuly', nowMs });
    await recordJournalEntry(d, { ...draft, reasons: ['permit-expired'] }, { sync, seen: [], userId: 'u-serikuly', nowMs });
    const chain = await chainOf(d);
    expect(chain.map((e) => [e.seq, e.kind, e.subject, e.userId])).toEqual([
      [1, 'crossing', 'A26-000001', 'u-serikuly'],
      [2, 'issuance', 'C0100001', 'u-serikuly'],
      [3, 'spoil', 'C0100002', 'u-serikuly'],
      [4, 'journal', draft.documentNumber, 'u-serikuly'],
      [5, 'override', draft.documentNumber, 'u-serikuly'],
    ]);
    expect(chain[1]!.details).toMatchObject({ applicationId: 'A26-000001', officer: 'Серікұлы А.' });
    expect(chain[2]!.details).toMatchObject({ reason: 'misprint', was: 'reserved' });
    expect(chain[4]!.details).toMatchObject({ overridden: 'permit-expired' });
    expect(verifyChain(chain)).toEqual({ ok: true, lastSeq: 5 });
  });

  it('records a shift’s opening and close, and the supervisor’s override', async () => {
    const d = await open(undefined, { only: ['audit', 'crossings', 'blankEvents', 'shifts'] });
    await d.blankEvents.bulkInsert(deskTestStock());
    const ctx = { db: d, ...DESK, userId: 'u-akhmetova' };
    await openShift(ctx, 'Серікұлы А.');
    const { closed } = await closeShift(ctx, { counted: [{ series: 'C', from: 100_001, to: 100_005 }], countedSpoiled: [], unsynced: 2, supervisor: 'Ахметова Г.', reasons: new Map(), override: { reason: 'link down since noon' } });
    expect(closed.overrides).toEqual(['unsynced']);
    const chain = await chainOf(d);
    expect(chain.map((e) => [e.kind, e.subject, e.userId])).toEqual([
      ['shift-opened', closed.shiftId, 'u-akhmetova'],
      ['shift-closed', closed.shiftId, 'u-akhmetova'],
      ['override', closed.shiftId, 'u-akhmetova'],
    ]);
    expect(chain[0]!.details).toMatchObject({ officer: 'Серікұлы А.' });
    expect(chain[1]!.details).toMatchObject({ supervisor: 'Ахметова Г.', countedUnused: 5 });
    expect(chain[2]!.details).toMatchObject({ overridden: 'unsynced', reason: 'link down since noon', supervisor: 'Ахметова Г.' });
  });
});
