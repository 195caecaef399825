import 'fake-indexeddb/auto';
import { firstValueFrom } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../../shared/audit/audit-chain.ts';
import type { AuditEntry } from '../../shared/audit/audit-entry.ts';
import { deskJournalEntry } from '../../test/fixtures/journal.ts';
import { sampleCrossing, samplePermit } from '../../test/fixtures/permits.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { openDeskDatabase, type DeskDatabase } from '../db/database.ts';
import { deskTestStock } from '../db/desk-stock.test-support.ts';
import { recordJournalEntry } from '../documents/record-journal.ts';
import { confirmHandover, markPrinted, reserveBlank, type IssuanceContext } from '../issue/issuance.ts';
import { openShift } from '../shift/shift-records.ts';
import { outboxCount$ } from '../sync/outbox.ts';
import type { SyncStatus } from '../sync/sync-status.ts';
import { recordCrossing } from '../verify/record-crossing.ts';
import { BACKUP_COLLECTIONS, backupFileName, backupText, buildBackup, importBackup, readBackup, type ReplicaBackup } from './replica-backup.ts';

const DESK = { deskId: 'dostyk-avto-1', checkpointId: 'dostyk-avto' } as const;
const opened: DeskDatabase[] = [];
const open = async (only?: Parameters<typeof openDeskDatabase>[2]) => {
  const db = await openDeskDatabase(`t-backup-${Math.random()}`, undefined, only);
  opened.push(db);
  return db;
};
afterEach(async () => {
  for (const db of opened.splice(0)) await db.remove();
});

/** Every document of every collection, with its revision: what "nothing changed" compares. */
async function snapshot(db: DeskDatabase) {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const name of BACKUP_COLLECTIONS) if (db.collections[name]) out[name] = (await db[name].find({ sort: [{ id: 'asc' }] }).exec()).map((d) => d.toJSON(true) as unknown as Record<string, unknown>);
  return out;
}
const withoutMeta = (snap: Record<string, Record<string, unknown>[]>) =>
  Object.fromEntries(Object.entries(snap).map(([k, docs]) => [k, docs.map(({ _meta, _rev, _attachments, _deleted, ...d }) => d)]));

/**
 * A desk's morning: the centre's data (a permit, its stack, a crossing of another desk, all received), and
 * what the officer made while offline: a shift opened, a crossing, an addendum issued, a journal row, and
 * their audit entries, none of it at the centre yet. Then its backup, and the desk's replica removed.
 */
async function deskWithWork(): Promise<{ backup: ReplicaBackup; text: string; before: Awaited<ReturnType<typeof snapshot>>; waiting: number }> {
  const db = await open();
  await db.permits.insert(samplePermit());
  await db.blankEvents.bulkInsert(deskTestStock());
  await db.crossings.insert(sampleCrossing({ receivedAt: 1_763_697_700_000 }));
  await db.users.insert({ id: 'serikuly', name: 'Серікұлы Асқар', roles: ['officer'], checkpointIds: ['dostyk-avto'], verifier: `scrypt$16384$8$1$${'s'.repeat(16)}$${'h'.repeat(43)}`, active: true, updatedAt: 1, centreKeyId: 'centre-1', signature: 'A'.repeat(103) });
  const ctx: IssuanceContext = { db, ...DESK, officerName: 'Серікұлы А.', userId: 'serikuly' };
  await openShift({ db, ...DESK, userId: 'serikuly' }, 'Серікұлы А.');
  await recordCrossing(db, { permit: samplePermit(), documentNumber: 'A26-000001', direction: 'exit', ...DESK, officerName: 'Серікұлы А.', plate: '123ABC02', userId: 'serikuly' });
  await reserveBlank(ctx, 'A26-000001');
  await markPrinted(ctx, 'C0100001');
  await confirmHandover(ctx, 'C0100001');
  const { id, hlc, occurredAt, provisional, dataSyncedAt, ...draft } = deskJournalEntry();
  const nowMs = Date.parse(occurredAt);
  const sync: SyncStatus = { isOnline: false, lastSyncAt: null, lastError: null };
  await recordJournalEntry(db, draft, { sync, seen: [], userId: 'serikuly', nowMs });
  const waiting = await firstValueFrom(outboxCount$(db));
  const before = await snapshot(db);
  const backup = await buildBackup(db, { ...DESK, appVersion: '0.1.0' }, Date.parse('2026-11-22T10:00:00Z'));
  // The old machine is gone: its replica with it (and RxDB's 13 open collections stay within bounds).
  await opened.pop()!.remove();
  return { backup, text: backupText(backup), before, waiting };
}

describe('a backup of the desk’s replica', () => {
  it('round trip into an empty replica: every document, and what waits for the centre still waits', async () => {
    const { backup, text, before, waiting } = await deskWithWork();
    expect(waiting).toBeGreaterThanOrEqual(4); // shift, crossing, blank events, journal row
    expect(backup).toMatchObject({ format: 'shekara-replica-backup', formatVersion: 1, ...DESK, appVersion: '0.1.0', exportedAt: '2026-11-22T10:00:00.000Z' });
    expect(backup.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(backup.counts).toMatchObject({ permits: 1, crossings: 2, shifts: 1, journal: 1 });
    expect(backup.unsynced).toMatchObject({ crossings: 1, shifts: 1, journal: 1 });
    expect(backup.counts.audit).toBeGreaterThanOrEqual(4);
    expect(backupFileName(DESK, new Date(2026, 10, 22, 9))).toBe('shekara-backup-dostyk-avto-dostyk-avto-1-2026-11-22.json');

    const db = await open();
    const read = await readBackup(text, DESK, db);
    if (!read.ok) throw new Error(JSON.stringify(read));
    const result = await importBackup(db, read.backup);
    for (const name of BACKUP_COLLECTIONS) expect(result.collections[name], name).toEqual({ added: backup.counts[name], present: 0 });
    expect(result.auditLeftOut).toBeNull();
    expect(result.unsyncedAdded).toBe(Object.values(backup.unsynced).reduce((a, b) => a + b, 0));
    // Every document as it was, receivedAt 0 included: the replication pushes exactly those.
    expect(withoutMeta(await snapshot(db))).toEqual(withoutMeta(before));
    expect(await firstValueFrom(outboxCount$(db))).toBe(waiting);
    expect(verifyChain((await db.audit.find({ sort: [{ deskId: 'asc' }, { seq: 'asc' }] }).exec()).map((d) => d.toJSON() as AuditEntry)).ok).toBe(true);
    // Carrying on after the import chains to the backup's last entry.
    const next = await recordAudit(db, DESK, { kind: 'logout', userId: 'serikuly', subject: 'serikuly' });
    expect(next?.seq).toBe(backup.counts.audit! + 1);

    // The same file again: nothing added, nothing rewritten.
    const afterFirst = await snapshot(db);
    const again = await importBackup(db, read.backup);
    for (const name of BACKUP_COLLECTIONS) expect(again.collections[name], name).toEqual({ added: 0, present: backup.counts[name] });
    expect(again.unsyncedAdded).toBe(0);
    expect(await snapshot(db)).toEqual(afterFirst);
  });

  it('refuses a damaged file, another desk’s, a newer format, and what is not a backup; nothing is written', async () => {
    const { text } = await deskWithWork();
    const db = await open();
    const empty = await snapshot(db);

    // One field changed: an officer's name in the desk's own crossing.
    expect(text).toContain('"officerName":"Серікұлы А."');
    const tampered = text.replace('"officerName":"Серікұлы А."', '"officerName":"Серикулы А."');
    expect(await readBackup(tampered, DESK, db)).toEqual({ ok: false, code: 'damaged' });
    // The header is covered too: a file relabelled for another desk is damaged, not "another desk's".
    expect(await readBackup(text.replace('"deskId":"dostyk-avto-1"', '"deskId":"dostyk-avto-2"'), DESK, db)).toEqual({ ok: false, code: 'damaged' });
    // Cut short.
    expect(await readBackup(text.slice(0, text.length / 2), DESK, db)).toEqual({ ok: false, code: 'not-json' });

    expect(await readBackup(text, { deskId: 'dostyk-avto-2', checkpointId: 'dostyk-avto' }, db)).toEqual({ ok: false, code: 'other-desk', deskId: 'dostyk-avto-1', checkpointId: 'dostyk-avto' });
    expect(await readBackup(text, { deskId: 'dostyk-avto-1', checkpointId: 'kolzhat' }, db)).toMatchObject({ ok: false, code: 'other-desk' });
    expect(await readBackup(text.replace('"formatVersion":1', '"formatVersion":2'), DESK, db)).toEqual({ ok: false, code: 'newer-version', version: 2 });

    expect(await readBackup('hello', DESK, db)).toEqual({ ok: false, code: 'not-json' });
    expect(await readBackup('', DESK, db)).toEqual({ ok: false, code: 'not-json' });
    expect(await readBackup('{"shekara":"diagnostics"}', DESK, db)).toEqual({ ok: false, code: 'not-a-backup' });
    expect(await readBackup('[1,2]', DESK, db)).toEqual({ ok: false, code: 'not-a-backup' });
    expect(await snapshot(db)).toEqual(empty);
  });

  it('adds only what is missing, and leaves a document already here as it is', async () => {
    const { backup, text } = await deskWithWork();
    const db = await open();
    // The centre already sent this permit back, annulled since: the desk keeps the centre's copy.
    await db.permits.insert(samplePermit({ status: 'annulled', updatedAt: 2 }));
    const mine = (await db.permits.findOne('A26-000001').exec())!.toJSON(true);
    const read = await readBackup(text, DESK, db);
    if (!read.ok) throw new Error(JSON.stringify(read));
    const result = await importBackup(db, read.backup);
    expect(result.collections.permits).toEqual({ added: 0, present: 1 });
    expect(result.collections.crossings).toEqual({ added: backup.counts.crossings, present: 0 });
    expect((await db.permits.findOne('A26-000001').exec())!.toJSON(true)).toEqual(mine);
  });

  // fake-indexeddb reads a few hundred documents a second through RxDB's queries, so small pages here.
  it('takes a collection larger than a page whole, each document once', async () => {
    const db = await open({ only: ['permits'] });
    for (const count of [250, 200]) {
      await db.permits.find().remove();
      const ids = Array.from({ length: count }, (_, i) => `A26-${String(i + 1).padStart(6, '0')}`);
      await db.permits.bulkInsert(ids.map((id) => samplePermit({ id, applicationNumber: id })));
      const backup = await buildBackup(db, DESK, Date.now(), { pageSize: 100 });
      expect(backup.collections.permits!.map((p) => p.id)).toEqual(ids);
      expect(backup.counts.permits).toBe(count);
    }
  });

  it('leaves out the backup’s audit entries when this desk’s chain has gone on without them', async () => {
    const { backup, text } = await deskWithWork();
    // In chain order (the file lists them by id, a ULID: two made in one millisecond may come either way).
    const entries = [...(backup.collections.audit as AuditEntry[])].sort((a, b) => a.seq - b.seq);

    // A reinstalled desk pulled the first entry back from the centre: the backup continues it.
    const pulled = await open({ only: ['audit', 'crossings'] });
    await pulled.audit.insert({ ...entries[0]!, receivedAt: 5 });
    const read = await readBackup(text, DESK, pulled);
    if (!read.ok) throw new Error(JSON.stringify(read));
    const joined = await importBackup(pulled, read.backup);
    expect(joined.collections.audit).toEqual({ added: entries.length - 1, present: 1 });
    expect(joined.auditLeftOut).toBeNull();
    await pulled.remove();
    opened.splice(opened.indexOf(pulled), 1);

    // Here a technician's login was chained after the pulled entry: the backup's second entry would fork it.
    const moved = await open({ only: ['audit', 'crossings'] });
    await moved.audit.insert({ ...entries[0]!, receivedAt: 5 });
    const login = await recordAudit(moved, DESK, { kind: 'login', userId: 'erlan', subject: 'erlan' });
    const result = await importBackup(moved, read.backup);
    const last = entries.at(-1)!;
    expect(result.collections.audit).toEqual({ added: 0, present: 1 });
    expect(result.auditLeftOut).toEqual({ count: entries.length - 1, lastSeq: last.seq, lastHash: last.hash });
    // The crossings came all the same.
    expect(result.collections.crossings).toEqual({ added: backup.counts.crossings, present: 0 });
    const chain = (await moved.audit.find({ sort: [{ deskId: 'asc' }, { seq: 'asc' }] }).exec()).map((d) => d.toJSON() as AuditEntry);
    expect(chain.map((e) => e.id)).toEqual([entries[0]!.id, login!.id]);
    expect(verifyChain(chain).ok).toBe(true);
  });
});
