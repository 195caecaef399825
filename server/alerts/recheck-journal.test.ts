import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { alertSchema, type Alert } from '../../shared/documents/alert.ts';
import type { JournalEntryInput } from '../../shared/documents/journal-entry.ts';
import { documentKey } from '../../shared/documents/registry-document.ts';
import type { TransitPassagePermit } from '../../shared/documents/transit-passage-permit.ts';
import { formatHlc } from '../../shared/ids/hlc.ts';
import { SYNC_PREFIX } from '../../shared/sync/replication.ts';
import type { Db } from '../db/db.ts';
import { seedDemo } from '../demo/seed.ts';
import { deskJournalEntry } from '../../test/fixtures/journal.ts';
import { openTestServer, pullAll, TOKEN } from '../testing/fixtures.ts';
import { TEST_DATABASES } from '../testing/test-databases.ts';

const KOLZHAT = 'kolzhat-desk-token-0123456789abcdef';
const BAKHTY = 'bakhty-desk-token-0123456789abcdefgh';
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const TODAY = '2026-05-04';

/** Desk A at Dostyk-avto, desk B at Kolzhat. */
const DESKS = {
  A: { token: TOKEN, checkpointId: 'dostyk-avto', deskId: 'dostyk-avto-1' },
  B: { token: KOLZHAT, checkpointId: 'kolzhat', deskId: 'kolzhat-1' },
} as const;
type Who = keyof typeof DESKS;

const at = (hhmm: string) => `${TODAY}T${hhmm}:00.000+05:00`;
/** An entry made at hh:mm today by a desk: its hybrid clock stamp is that time, so journal order is time order. */
const entry = (who: Who, hhmm: string, over: Partial<JournalEntryInput>): JournalEntryInput => {
  const { checkpointId, deskId } = DESKS[who];
  return deskJournalEntry({ checkpointId, deskId, occurredAt: at(hhmm), hlc: formatHlc({ wallMs: Date.parse(at(hhmm)), counter: 0, node: deskId }), ...over });
};
const entryMark = (who: Who, hhmm: string) => entry(who, hhmm, { event: 'entry-mark', direction: 'entry', exitDeadline: '2026-05-30' });
const exitMark = (who: Who, hhmm: string, over: Partial<JournalEntryInput> = {}) => entry(who, hhmm, { event: 'exit-mark', direction: 'exit', ...over });
const writeOff = (who: Who, hhmm: string, number: string, quantity: number) =>
  entry(who, hhmm, { event: 'export-write-off', documentId: `ep-${number}`, documentKind: 'export-permit-003', documentNumber: number, direction: 'exit', vehiclePlate: '01KG777ABC', goods: [{ hsCode: '7308905100', quantity, unit: 'kg' }], declarationNumber: '55301/040526/0004321' });

/** A transit-passage permit the registry does not hold, sold by a desk at hh:mm today: paid, signed, valid ten days. */
const TP_NUMBER = 'TP-2026-0101';
const TP_PLATE = 'KBL7788';
const soldPermit = (who: Who, hhmm: string, over: Partial<TransitPassagePermit> = {}): TransitPassagePermit => ({
  kind: 'kz-transit-passage',
  ground: 'no-balanced-exchange',
  number: TP_NUMBER,
  checkpointId: DESKS[who].checkpointId,
  issuedAt: at(hhmm),
  validTo: '2026-05-13',
  carrierName: 'Kabul Transit Co',
  carrierCountry: 'AF',
  vehiclePlate: TP_PLATE,
  fee: { documentNumber: `ПП-${who}-1`, date: TODAY, amountKzt: 58_980 },
  carrierSigned: true,
  ...over,
});
const onSold = { documentId: `tp-${documentKey(TP_NUMBER)}`, documentKind: 'kz-transit-passage', documentNumber: TP_NUMBER, vehiclePlate: TP_PLATE } as const;
const sell = (who: Who, hhmm: string, over: Partial<TransitPassagePermit> = {}) => entry(who, hhmm, { ...onSold, event: 'transit-sold', direction: 'entry', soldPermit: soldPermit(who, hhmm, over) });

/** What the centre raises for a disputed entry. */
/** `others`: the entries it collides with (the first exit, the first sale), whose checkpoints are told too. */
const disputed = (e: JournalEntryInput, reasons: string[], others: JournalEntryInput[] = []) => ({
  id: `decision-disputed:${e.id}`,
  kind: 'decision-disputed',
  subject: e.id,
  checkpointIds: [...new Set([e, ...others].map((x) => x.checkpointId))].sort(),
  deskIds: [...new Set([e, ...others].map((x) => x.deskId))].sort(),
  recordIds: [e.id, ...others.map((x) => x.id)],
  reasons,
  // Each reason with the paragraph it comes from, for the supervisor's screen.
  reasonDetails: reasons.map((code) => expect.objectContaining({ code, paragraph: expect.any(String) })),
  documentNumber: e.documentNumber,
  createdAt: expect.any(Number),
});

describe.each(TEST_DATABASES)('the centre re-checks journal entries on arrival, on $name', (database) => {
  let db: Db;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ db, app, close } = await openTestServer(database, [
      [DESKS.A.token, { checkpointId: DESKS.A.checkpointId, deskId: DESKS.A.deskId }],
      [DESKS.B.token, { checkpointId: DESKS.B.checkpointId, deskId: DESKS.B.deskId }],
      [BAKHTY, { checkpointId: 'bakhty', deskId: 'bakhty-1' }],
    ]));
    await seedDemo(db, { permits: 1, today: TODAY });
  });
  afterAll(() => close());
  // Each case starts from the demo registry with an empty journal.
  beforeEach(async () => {
    await db.exec('TRUNCATE journal, alerts');
  });

  const push = async (who: Who, entries: JournalEntryInput[]) => {
    const res = await app.inject({ method: 'POST', url: `${SYNC_PREFIX}/journal/push`, headers: bearer(DESKS[who].token), payload: entries.map((e) => ({ assumedMasterState: null, newDocumentState: { ...e, receivedAt: 0, _deleted: false } })) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual([]);
  };
  const alerts = async () => (await db.query<{ doc: Alert }>('SELECT doc FROM alerts ORDER BY seq')).map((r) => alertSchema.parse(r.doc));
  const pulledAlertIds = async (token: string) => (await pullAll(app, 'alerts', 100, bearer(token))).docs.map((a) => a.id);

  it('Seed 002 p.43, p.50: of two exit marks on one domestic permit after its entry mark, the later one is disputed as already used', async () => {
    await push('A', [entryMark('A', '09:00')]);
    const first = exitMark('A', '11:00');
    await push('A', [first]);
    expect(await alerts()).toEqual([]);
    const second = exitMark('B', '12:00');
    await push('B', [second]);
    expect(await alerts()).toEqual([disputed(second, ['already-used'], [first])]);
    // For the checkpoints of both exits: their supervisors act on it; nobody else pulls it.
    expect(await pulledAlertIds(KOLZHAT)).toEqual([`decision-disputed:${second.id}`]);
    expect(await pulledAlertIds(TOKEN)).toEqual([`decision-disputed:${second.id}`]);
    expect(await pulledAlertIds(BAKHTY)).toEqual([]);
    // A retry and a later entry on the same permit re-check it again: still one alert.
    await push('B', [second]);
    expect(await alerts()).toHaveLength(1);
  });

  it('an offline desk’s exit mark earlier in journal order, pushed later, makes the stored one wrong', async () => {
    await push('A', [entryMark('A', '09:00')]);
    // Desk B's exit mark arrives first: on what the centre knows, it is right.
    const stored = exitMark('B', '12:00');
    await push('B', [stored]);
    expect(await alerts()).toEqual([]);
    // Desk A was offline: its exit mark of 11:00 comes in now, and the 12:00 one is the second exit.
    const earlier = exitMark('A', '11:00');
    await push('A', [earlier]);
    expect(await alerts()).toEqual([disputed(stored, ['already-used'], [earlier])]);
    expect(await pulledAlertIds(KOLZHAT)).toEqual([`decision-disputed:${stored.id}`]);
  });

  it('Seed 003 R-An3 boxes 13-15: a write-off beyond what is left on the export permit is disputed', async () => {
    // EP-2026-0001: 1,000 kg, 400 written off in the registry, 600 left.
    const tooMuch = writeOff('A', '10:00', 'EP-2026-0001', 700);
    await push('A', [tooMuch]);
    expect(await alerts()).toEqual([disputed(tooMuch, ['quantity-exceeded'])]);
    expect(await pulledAlertIds(TOKEN)).toEqual([`decision-disputed:${tooMuch.id}`]);
  });

  it('writes off across desks: what one desk wrote off counts against the next', async () => {
    await push('A', [writeOff('A', '10:00', 'EP-2026-0001', 500)]);
    expect(await alerts()).toEqual([]);
    const rest = writeOff('B', '11:00', 'EP-2026-0001', 200);
    await push('B', [rest]);
    expect(await alerts()).toEqual([disputed(rest, ['quantity-exceeded'])]);
  });

  it('an override that recorded the reasons it overrode raises nothing; a reason it did not record is disputed', async () => {
    await push('A', [entryMark('A', '09:00'), exitMark('A', '11:00')]);
    await push('B', [exitMark('B', '12:00', { reasons: ['already-used'] })]);
    expect(await alerts()).toEqual([]);
    // Overriding already-used does not cover a vehicle that is not the permit's.
    const other = exitMark('B', '13:00', { reasons: ['already-used'], vehiclePlate: '777XYZ02' });
    await push('B', [other]);
    expect(await alerts()).toEqual([disputed(other, ['plate-mismatch'])]);
  });

  it('Seed 003 R p.15: a write-off on a terminated export permit, decided with no reason, is disputed', async () => {
    const onTerminated = writeOff('A', '10:00', 'EP-2026-0002', 100);
    await push('A', [onTerminated]);
    expect(await alerts()).toEqual([disputed(onTerminated, ['terminated'])]);
  });

  it('an entry on a document the registry does not hold is disputed; an exemption, which names none, is not judged', async () => {
    const unknown = exitMark('A', '10:00', { documentId: 'dom-KZ999999', documentNumber: 'KZ999999' });
    const exemption = entry('A', '10:05', { event: 'export-exemption', documentId: '', documentKind: '', documentNumber: '', direction: 'exit', goods: [{ hsCode: '7308905100', quantity: 20, unit: 'kg' }], exemption: { basis: 'ct-kz', documentNumber: 'CT-KZ 0001' } });
    await push('A', [unknown, exemption]);
    expect(await alerts()).toEqual([disputed(unknown, ['document-unknown'])]);
  });

  it('Seed 002 p.52.11: a transit-passage number sold at two desks: the later sale in journal order is disputed, whichever arrived first', async () => {
    // Desk B's sale of 10:00 arrives first: on what the centre knows, it is right.
    const later = sell('B', '10:00', { carrierName: 'Herat Cargo' });
    await push('B', [later]);
    expect(await alerts()).toEqual([]);
    // Desk A sold the same number at 09:00 while offline: B's sale is now the second.
    const first = sell('A', '09:00');
    await push('A', [first]);
    expect(await alerts()).toEqual([disputed(later, ['permit-number-used'], [first])]);
    // Both checkpoints sold the number: both are told.
    expect(await pulledAlertIds(KOLZHAT)).toEqual([`decision-disputed:${later.id}`]);
    expect(await pulledAlertIds(TOKEN)).toEqual([`decision-disputed:${later.id}`]);
  });

  it('Seed 002 p.47-48, p.52.13: a sale charged at a rate the centre’s table no longer has is disputed with the fee it expected', async () => {
    // The demo table: 15 MCI for a goods vehicle on this ground; the desk charged the old amount.
    const stale = sell('A', '09:00', { vehicleClass: 'goods' });
    await push('A', [stale]);
    const [alert] = await alerts();
    expect(alert).toMatchObject({ subject: stale.id, reasons: ['fee-amount-mismatch'] });
    expect(alert!.reasonDetails![0]!.params).toMatchObject({ paid: '58980' });
    // Without the vehicle class (a sale before classes were recorded) the fee is not judged.
    await push('B', [sell('B', '10:00', { number: 'TP-2026-0102' })].map((e) => ({ ...e, documentId: 'tp-TP-2026-0102', documentNumber: 'TP-2026-0102' })));
    expect(await alerts()).toHaveLength(1);
  });

  it('Seed 002 p.47-48: an exit mark on a permit sold at a checkpoint, which the registry does not hold, is judged against the sold permit: fine, nothing raised', async () => {
    const [{ n }] = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM documents WHERE id = $1', [onSold.documentId])) as [{ n: number }];
    expect(n).toBe(0);
    await push('A', [sell('A', '09:00')]);
    // The same vehicle leaves through Kolzhat: nothing to dispute (not "document unknown").
    await push('B', [exitMark('B', '15:00', onSold)]);
    expect(await alerts()).toEqual([]);
  });

  it('Seed 002 p.47: an exit mark on a sold permit for another vehicle than the one it was sold for is disputed', async () => {
    await push('A', [sell('A', '09:00')]);
    const other = exitMark('B', '16:00', { ...onSold, vehiclePlate: '777XYZ02' });
    await push('B', [other]);
    expect(await alerts()).toEqual([disputed(other, ['plate-mismatch'])]);
  });

  it('a mark on a transit-passage number nobody sold and the registry does not hold is disputed as unknown', async () => {
    const unsold = exitMark('B', '15:00', onSold);
    await push('B', [unsold]);
    expect(await alerts()).toEqual([disputed(unsold, ['document-unknown'])]);
  });
});
