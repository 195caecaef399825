import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { demoRegistry } from '../../server/demo/demo-registry.ts';
import { journalEntrySchema } from '../../shared/documents/journal-entry.ts';
import { readRegistryDocument } from '../../shared/documents/registry-document.ts';
import { formatHlc, parseHlc } from '../../shared/ids/hlc.ts';
import { ULID_PATTERN, ulidTime } from '../../shared/ids/ulid.ts';
import { openDeskDatabase, type DeskDatabase } from '../db/database.ts';
import type { SyncStatus } from '../sync/sync-status.ts';
import { draftFor, type JournalExtras } from './journal-draft.ts';
import { recordJournalEntry, type JournalDraft } from './record-journal.ts';

const TODAY = '2026-12-02';
const NOW = Date.parse(`${TODAY}T10:00:00.000+05:00`);

let db: DeskDatabase | null = null;
afterEach(async () => {
  await db?.remove();
  db = null;
});
const open = async () => (db = await openDeskDatabase(`t-${Math.random()}`, undefined, { only: ['journal'] }));

const found = (id: string) => {
  const row = demoRegistry(TODAY).find((r) => r.id === id)!;
  return { id: row.id, kind: row.kind, number: row.number, document: readRegistryDocument(row)! };
};
const extras = (over: Partial<JournalExtras> = {}): JournalExtras => ({
  carrierAddress: ' Ташкент, Амир Темур 1 ',
  dispatchCountry: 'uz',
  destinationCountry: ' kz ',
  route: 'Ташкент — Алматы',
  vehicleMake: 'MAN',
  vehiclePlate: ' 01 а 123 вс ',
  trailerPlate: '01 ха-4567',
  ...over,
});
const entryDraft = (over: Partial<JournalDraft> = {}): JournalDraft => ({
  ...draftFor('entry-mark', found('dom-KZ000101'), { direction: 'entry', checkpointId: 'dostyk-avto', deskId: 'dostyk-avto-1', officerName: '  Сәрсенбаев Ә. ', reasons: [] }, extras(), { exitDeadline: '2026-12-20' }),
  ...over,
});
const online = (lastSyncAt: number | null): SyncStatus => ({ isOnline: true, lastSyncAt, lastError: null });

describe('recordJournalEntry', () => {
  it('stores a valid draft as a row the centre has not yet received, plates normalised', async () => {
    const d = await open();
    const e = await recordJournalEntry(d, entryDraft(), { sync: online(NOW - 60_000), seen: [], nowMs: NOW });
    expect(journalEntrySchema.parse(e)).toEqual(e);
    expect(e).toMatchObject({
      event: 'entry-mark',
      documentId: 'dom-KZ000101',
      documentKind: 'kz-domestic-permit',
      documentNumber: 'KZ000101',
      officerName: 'Сәрсенбаев Ә.',
      vehiclePlate: '01A123BC',
      trailerPlate: '01XA4567',
      carrierName: 'Toshkent Trans Logistic',
      carrierCountry: 'UZ',
      dispatchCountry: 'UZ',
      destinationCountry: 'KZ',
      carrierAddress: 'Ташкент, Амир Темур 1',
      exitDeadline: '2026-12-20',
      occurredAt: new Date(NOW).toISOString(),
      receivedAt: 0,
      provisional: false,
      dataSyncedAt: NOW - 60_000,
    });
    expect(e.id).toMatch(ULID_PATTERN);
    expect(ulidTime(e.id)).toBe(NOW);
    const stored = await d.journal.findOne(e.id).exec();
    expect(stored?.toJSON()).toEqual(e);
    expect(await d.journal.count().exec()).toBe(1);
  });

  it('leaves an absent trailer empty', async () => {
    const d = await open();
    const e = await recordJournalEntry(d, entryDraft({ trailerPlate: '' }), { sync: online(NOW), seen: [], nowMs: NOW });
    expect(e.trailerPlate).toBe('');
  });

  it('marks the entry provisional when the desk is offline, never synced, or synced too long ago', async () => {
    const d = await open();
    const offline = await recordJournalEntry(d, entryDraft(), { sync: { isOnline: false, lastSyncAt: NOW - 60_000, lastError: 'timeout' }, seen: [], nowMs: NOW });
    const never = await recordJournalEntry(d, entryDraft(), { sync: online(null), seen: [], nowMs: NOW + 1 });
    const stale = await recordJournalEntry(d, entryDraft(), { sync: online(NOW - 16 * 60_000), seen: [], nowMs: NOW + 2 });
    expect([offline.provisional, never.provisional, stale.provisional]).toEqual([true, true, true]);
    expect([offline.dataSyncedAt, never.dataSyncedAt, stale.dataSyncedAt]).toEqual([NOW - 60_000, null, NOW - 16 * 60_000]);
    const rows = await d.journal.find().exec();
    expect(rows.map((r) => r.provisional)).toEqual([true, true, true]);
  });

  it('refuses a bad draft whole and stores nothing', async () => {
    const d = await open();
    await expect(recordJournalEntry(d, entryDraft({ carrierCountry: 'Kazakhstan' }), { sync: online(NOW), seen: [], nowMs: NOW })).rejects.toThrow(/ISO 3166/);
    await expect(recordJournalEntry(d, entryDraft({ officerName: '   ' }), { sync: online(NOW), seen: [], nowMs: NOW })).rejects.toThrow();
    await expect(recordJournalEntry(d, entryDraft({ vehiclePlate: ' - ' }), { sync: online(NOW), seen: [], nowMs: NOW })).rejects.toThrow();
    await expect(recordJournalEntry(d, entryDraft({ goods: [{ hsCode: '73089051001', quantity: 1, unit: 'kg' }] }), { sync: online(NOW), seen: [], nowMs: NOW })).rejects.toThrow();
    expect(await d.journal.count().exec()).toBe(0);
  });

  it('stamps the entry after every entry already seen on the document, even ones from a clock ahead of the desk\'s', async () => {
    const d = await open();
    const ahead = formatHlc({ wallMs: NOW + 3_600_000, counter: 7, node: 'kolzhat-1' });
    const behind = formatHlc({ wallMs: NOW - 3_600_000, counter: 0, node: 'bakhty-1' });
    const e = await recordJournalEntry(d, entryDraft(), { sync: online(NOW), seen: [{ hlc: ahead }, { hlc: behind }], nowMs: NOW });
    expect(e.hlc > ahead).toBe(true);
    expect(parseHlc(e.hlc)).toMatchObject({ node: 'dostyk-avto-1' });
    expect(parseHlc(e.hlc).wallMs).toBeGreaterThanOrEqual(NOW + 3_600_000);
    // And a later entry at this desk is later again.
    const next = await recordJournalEntry(d, entryDraft(), { sync: online(NOW), seen: [{ hlc: e.hlc }], nowMs: NOW });
    expect(next.hlc > e.hlc).toBe(true);
  });

  it('records a write-off with its goods lines from draftFor', async () => {
    const d = await open();
    const ep = found('ep-EP-2026-0001');
    const draft = draftFor('export-write-off', ep, { direction: 'exit', checkpointId: 'dostyk-avto', deskId: 'dostyk-avto-1', officerName: 'Сәрсенбаев Ә.', reasons: [] }, extras({ vehiclePlate: '01kg777abc', trailerPlate: '' }), {
      goods: [{ hsCode: '7308905100', quantity: 150, unit: 'kg' }],
      declarationNumber: '55301/021226/0004321',
    });
    const e = await recordJournalEntry(d, draft, { sync: online(NOW), seen: [], nowMs: NOW });
    const stored = (await d.journal.findOne(e.id).exec())!.toJSON();
    expect(stored).toMatchObject({ event: 'export-write-off', documentKind: 'export-permit-003', vehiclePlate: '01KG777ABC', carrierName: '', permitType: 'export-permit-003', declarationNumber: '55301/021226/0004321' });
    expect(stored.goods).toEqual([{ hsCode: '7308905100', quantity: 150, unit: 'kg' }]);
  });
});
