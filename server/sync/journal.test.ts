import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feeRateTableSchema } from '../../shared/documents/fee-rates.ts';
import { journalEntrySchema, type JournalEntryInput } from '../../shared/documents/journal-entry.ts';
import type { TransitPassagePermit } from '../../shared/documents/transit-passage-permit.ts';
import { registryDocumentSchema } from '../../shared/documents/registry-document.ts';
import { SYNC_PREFIX } from '../../shared/sync/replication.ts';
import type { Db } from '../db/db.ts';
import { demoRegistry } from '../demo/demo-registry.ts';
import { demoFeeRateTables, seedDemo } from '../demo/seed.ts';
import { deskJournalEntry } from '../../test/fixtures/journal.ts';
import { auth, openTestServer, pullAll, TOKEN } from '../testing/fixtures.ts';
import { TEST_DATABASES } from '../testing/test-databases.ts';
import { insertAppendOnly } from './store.ts';

const KOLZHAT = 'kolzhat-desk-token-0123456789abcdef';
const asKolzhat = { authorization: `Bearer ${KOLZHAT}` };
const TODAY = '2026-05-04';
/** An entry of the Kolzhat desk, in its own name. */
const kolzhatEntry = (over: Partial<JournalEntryInput> = {}) => deskJournalEntry({ checkpointId: 'kolzhat', deskId: 'kolzhat-1', ...over });
/** Entered at Kolzhat at 09:00 on TODAY: 30 days on is 2026-06-03. */
const ENTERED = `${TODAY}T09:00:00.000+05:00`;
/** A transit-passage permit the registry does not hold, sold at Kolzhat. */
const TP_NUMBER = 'TP-2026-0301';
const soldAtKolzhat = (over: Partial<TransitPassagePermit> = {}): TransitPassagePermit => ({
  kind: 'kz-transit-passage',
  ground: 'no-balanced-exchange',
  number: TP_NUMBER,
  checkpointId: 'kolzhat',
  issuedAt: ENTERED,
  validTo: '2026-05-13',
  carrierName: 'Kabul Transit Co',
  carrierCountry: 'AF',
  vehiclePlate: 'KBL7788',
  fee: { documentNumber: 'ПП-1', date: TODAY, amountKzt: 58_980 },
  carrierSigned: true,
  ...over,
});
/** The sale of that permit as the Kolzhat desk records it; well formed unless overridden. */
const kolzhatSale = (over: Partial<JournalEntryInput> = {}) =>
  kolzhatEntry({ event: 'transit-sold', direction: 'entry', documentId: `tp-${TP_NUMBER}`, documentKind: 'kz-transit-passage', documentNumber: TP_NUMBER, vehiclePlate: 'KBL7788', occurredAt: ENTERED, soldPermit: soldAtKolzhat(), ...over });

describe.each(TEST_DATABASES)('the registry and the journal over sync on $name', (database) => {
  let db: Db;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ db, app, close } = await openTestServer(database, [[TOKEN, { checkpointId: 'dostyk-avto', deskId: 'dostyk-avto-1' }], [KOLZHAT, { checkpointId: 'kolzhat', deskId: 'kolzhat-1' }]]));
    await seedDemo(db, { permits: 1, today: TODAY });
  });
  afterAll(() => close());

  const push = (headers: Record<string, string>, rows: object[], collection = 'journal') =>
    app.inject({ method: 'POST', url: `${SYNC_PREFIX}/${collection}/push`, headers, payload: rows.map((d) => ({ assumedMasterState: null, newDocumentState: { _deleted: false, ...d } })) });
  const count = async (table: string) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;

  it('serves the whole registry to every desk, in pages, and takes no push of it', async () => {
    const ids = demoRegistry(TODAY).map((d) => d.id);
    for (const headers of [auth, asKolzhat]) {
      const { docs, pages } = await pullAll(app, 'documents', 4, headers);
      // Pages of 4, then the empty page that ends the pull.
      expect(pages).toBe(Math.ceil(ids.length / 4) + 1);
      expect(docs.map((d) => d.id)).toEqual(ids);
      for (const { _deleted, ...d } of docs) expect(registryDocumentSchema.safeParse(d).success, String(d.id)).toBe(true);
    }
    const first = (await app.inject({ url: `${SYNC_PREFIX}/documents/pull?seq=0&limit=4`, headers: auth })).json();
    expect(first).toMatchObject({ checkpoint: { seq: 4 }, remaining: ids.length - 4 });

    const before = await count('documents');
    const forged = { ...demoRegistry(TODAY)[0]!, id: 'dom-FORGED' };
    const res = await push(auth, [forged], 'documents');
    expect(res.statusCode).toBe(403);
    expect(await count('documents')).toBe(before);
  });

  it('serves the transit-passage fee tables to every desk and takes no push of them', async () => {
    for (const headers of [auth, asKolzhat]) {
      const { docs } = await pullAll(app, 'feeRates', 500, headers);
      expect(docs.map(({ _deleted, ...d }) => feeRateTableSchema.strict().parse(d))).toEqual(demoFeeRateTables(TODAY));
    }
    const before = await count('fee_rates');
    const res = await push(auth, [{ ...demoFeeRateTables(TODAY)[0]!, id: 'forged', validFrom: '2026-05-01' }], 'feeRates');
    expect(res.statusCode).toBe(403);
    expect(await count('fee_rates')).toBe(before);
  });

  it('takes a desk’s own journal entries once, answers other content with the stored one, and serves them to every desk', async () => {
    const mark = deskJournalEntry();
    expect((await push(auth, [mark])).json()).toEqual([]);
    // A retry (the desk never saw the answer) is accepted as it is; the desk's receivedAt is ignored.
    const retry = await push(auth, [{ ...mark, receivedAt: 5 }]);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual([]);
    expect(await count('journal')).toBe(1);
    // Same id, other content: a conflict, answered with the master state, which stays.
    const conflict = await push(auth, [{ ...mark, officerName: 'Басқа адам' }]);
    expect(conflict.json()).toEqual([expect.objectContaining({ id: mark.id, officerName: mark.officerName })]);
    expect(await count('journal')).toBe(1);

    // Pulled by every desk, another checkpoint's too (a permit marked here is marked everywhere).
    const pulled = (await pullAll(app, 'journal', 1, asKolzhat)).docs;
    expect(pulled).toHaveLength(1);
    const { _deleted, ...stored } = pulled[0]!;
    expect(journalEntrySchema.parse(stored)).toEqual({ ...mark, receivedAt: expect.any(Number) });
    expect(stored.receivedAt).toBeGreaterThan(0);

    // The desk's progress: what lies beyond a page.
    expect((await push(auth, [deskJournalEntry(), deskJournalEntry()])).json()).toEqual([]);
    const page = (await app.inject({ url: `${SYNC_PREFIX}/journal/pull?seq=0&limit=1`, headers: asKolzhat })).json();
    expect(page.documents).toHaveLength(1);
    expect(page.remaining).toBe(2);
  });

  it('refuses an entry in another desk’s name and a malformed batch whole, storing nothing', async () => {
    const before = await count('journal');
    const own = kolzhatEntry();
    // Another desk's entry, alone or beside the desk's own.
    for (const rows of [[deskJournalEntry()], [own, deskJournalEntry()], [{ ...own, id: deskJournalEntry().id, checkpointId: 'dostyk-avto' }]]) {
      const res = await push(asKolzhat, rows);
      expect(res.statusCode).toBe(400);
      expect(res.json().issues[0]).toMatchObject({ path: 'newDocumentState.deskId', message: 'this device is desk kolzhat-1 at kolzhat' });
    }
    expect(await count('journal')).toBe(before);

    const { reasons, ...withoutReasons } = kolzhatEntry();
    const malformed: [object, string][] = [
      [{ ...kolzhatEntry(), id: 'not-a-ulid' }, 'newDocumentState.id'],
      [withoutReasons, 'newDocumentState.reasons'],
      [kolzhatEntry({ event: 'export-write-off', goods: [{ hsCode: '7308', quantity: 5, unit: 'kg' }] }), 'newDocumentState.goods.0.hsCode'],
      [kolzhatEntry({ hlc: 'short' }), 'newDocumentState.hlc'],
      [{ ...kolzhatEntry(), _deleted: true }, 'newDocumentState._deleted'],
    ];
    for (const [bad, path] of malformed) {
      const res = await push(asKolzhat, [own, bad]);
      expect(res.statusCode, path).toBe(400);
      expect(res.json().issues, path).toEqual([expect.objectContaining({ row: 1, path })]);
    }
    expect(await count('journal')).toBe(before);

    // The desk's own entry alone goes through.
    expect((await push(asKolzhat, [own])).json()).toEqual([]);
    expect(await count('journal')).toBe(before + 1);
  });

  it('takes an exemption, which names no document, and raises nothing for it', async () => {
    const alertsBefore = await count('alerts');
    const exemption = kolzhatEntry({ event: 'export-exemption', documentId: '', documentKind: '', documentNumber: '', direction: 'exit', goods: [{ hsCode: '7308905100', quantity: 20, unit: 'kg' }], exemption: { basis: 'personal-baggage', documentNumber: 'ПД-1' } });
    expect((await push(asKolzhat, [exemption])).json()).toEqual([]);
    expect((await pullAll(app, 'journal', 100)).docs.map((d) => d.id)).toContain(exemption.id);
    expect(await count('alerts')).toBe(alertsBefore);
  });

  it('refuses a new entry whose fields disagree with its event, naming the field, and stores nothing', async () => {
    const before = await count('journal');
    const own = kolzhatEntry({ event: 'exit-mark', direction: 'exit' });
    const cases: [string, JournalEntryInput, string][] = [
      ['an entry mark on a domestic permit without its exit deadline', kolzhatEntry({ exitDeadline: '' }), 'newDocumentState.exitDeadline'],
      ['an entry mark on a China permit without its exit deadline', kolzhatEntry({ documentId: 'cn-CN2026C00017', documentKind: 'cn-permit', documentNumber: 'CN2026C00017', exitDeadline: '' }), 'newDocumentState.exitDeadline'],
      ['an exit deadline 31 days after entry', kolzhatEntry({ occurredAt: ENTERED, exitDeadline: '2026-06-04' }), 'newDocumentState.exitDeadline'],
      ['an exit deadline before the day of entry', kolzhatEntry({ occurredAt: ENTERED, exitDeadline: '2026-05-03' }), 'newDocumentState.exitDeadline'],
      ['an exit mark recorded as an entry', kolzhatEntry({ event: 'exit-mark', direction: 'entry' }), 'newDocumentState.direction'],
      ['a sale without the permit sold', kolzhatSale({ soldPermit: null }), 'newDocumentState.soldPermit'],
      ['a sale of a permit of another number', kolzhatSale({ soldPermit: soldAtKolzhat({ number: 'TP-2026-0302' }) }), 'newDocumentState.soldPermit.number'],
      ['a sale under an id other than tp-<number>', kolzhatSale({ documentId: 'tp-TP-2026-0302' }), 'newDocumentState.documentId'],
      ['a sale under the registry-style id of its number', kolzhatSale({ documentId: TP_NUMBER }), 'newDocumentState.documentId'],
      ['a permit sold at another checkpoint', kolzhatSale({ soldPermit: soldAtKolzhat({ checkpointId: 'dostyk-avto' }) }), 'newDocumentState.soldPermit.checkpointId'],
      ['an exit mark carrying a sold permit', kolzhatEntry({ event: 'exit-mark', direction: 'exit', soldPermit: soldAtKolzhat() }), 'newDocumentState.soldPermit'],
      ['an entry mark carrying a sold permit', kolzhatEntry({ soldPermit: soldAtKolzhat() }), 'newDocumentState.soldPermit'],
    ];
    for (const [what, bad, path] of cases) {
      const alone = await push(asKolzhat, [bad]);
      expect(alone.statusCode, what).toBe(400);
      expect(alone.json().issues, what).toEqual([{ row: 0, path, message: expect.any(String) }]);
      // Beside a well-formed entry of the desk's own: the whole batch is refused.
      const beside = await push(asKolzhat, [own, bad]);
      expect(beside.statusCode, what).toBe(400);
      expect(beside.json().issues, what).toEqual([{ row: 1, path, message: expect.any(String) }]);
    }
    expect(await count('journal')).toBe(before);

    // The same events well formed go through: the last day allowed, and a sale that agrees with itself.
    const lastDay = kolzhatEntry({ occurredAt: ENTERED, exitDeadline: '2026-06-03' });
    const sameDay = kolzhatEntry({ documentId: 'cn-CN2026C00017', documentKind: 'cn-permit', documentNumber: 'CN2026C00017', occurredAt: ENTERED, exitDeadline: TODAY });
    const res = await push(asKolzhat, [own, lastDay, sameDay, kolzhatSale()]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual([]);
    expect(await count('journal')).toBe(before + 4);
  });

  it('still takes the exact echo of a stored entry its fields would refuse now, but no new entry like it', async () => {
    // Stored before the centre checked an entry against its event: an entry mark without its exit deadline.
    const old = kolzhatEntry({ exitDeadline: '' });
    await db.transaction((tx) => insertAppendOnly(tx, 'journal', [{ ...old, receivedAt: 1 }]));
    const before = await count('journal');

    // The same content under a new id is a new entry, and refused.
    const copy = await push(asKolzhat, [{ ...old, id: kolzhatEntry().id }]);
    expect(copy.statusCode).toBe(400);
    expect(copy.json().issues).toEqual([{ row: 0, path: 'newDocumentState.exitDeadline', message: expect.any(String) }]);
    expect(await count('journal')).toBe(before);

    // The exact echo (a desk pushing back what it pulled) is accepted, by its own desk and by another.
    for (const headers of [asKolzhat, auth]) {
      const echo = await push(headers, [{ ...old, receivedAt: 5 }]);
      expect(echo.statusCode, echo.body).toBe(200);
      expect(echo.json()).toEqual([]);
    }
    expect(await count('journal')).toBe(before);
    const [stored] = await db.query<{ doc: Record<string, unknown> }>('SELECT doc FROM journal WHERE id = $1', [old.id]);
    expect(stored!.doc).toEqual({ ...old, receivedAt: 1 });
  });
});
