import { describe, expect, it } from 'vitest';
import { journalEntryFixture } from '../../test/fixtures/journal.ts';
import { formatHlc } from '../ids/hlc.ts';
import { isProvisional, JOURNAL_EVENTS, journalEntryInputSchema, journalEntryProblems, journalEntrySchema, STALE_AFTER_MS, type JournalEntryInput, type JournalEvent } from './journal-entry.ts';
import type { TransitPassagePermit } from './transit-passage-permit.ts';

const NOW = Date.parse('2026-12-02T10:00:00.000+05:00');

/** A write-off of steel on an export permit; the clock stamp stays at NOW whatever occurredAt a case gives. */
const valid = (over: Partial<JournalEntryInput> = {}): JournalEntryInput =>
  journalEntryFixture({
    event: 'export-write-off',
    documentId: 'ep-EP-2026-0001',
    documentKind: 'export-permit-003',
    documentNumber: 'EP-2026-0001',
    direction: 'exit',
    hlc: formatHlc({ wallMs: NOW, counter: 0, node: 'dostyk-avto-1' }),
    carrierName: 'Құрылыс Металл ЖШС',
    carrierCountry: 'KZ',
    dispatchCountry: 'KZ',
    destinationCountry: 'KG',
    vehiclePlate: '01KG777ABC',
    permitType: 'export-permit-003',
    permitValidTo: '2026-12-31',
    permitIssued: '2026-01-03 EP-2026-0001',
    exitDeadline: '',
    goods: [{ hsCode: '7308905100', quantity: 100, unit: 'kg' }],
    declarationNumber: '55301/021226/0004321',
    ...over,
  });

/** The paths zod refuses, so each case is refused for the field it is about. */
const refusedPaths = (input: unknown) => {
  const r = journalEntryInputSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
};

describe('journalEntryInputSchema', () => {
  it('accepts a complete row', () => {
    expect(journalEntryInputSchema.parse(valid())).toEqual(valid());
    expect(refusedPaths(valid({ carrierCountry: '', permitValidTo: '', documentKind: '', feeDocument: { number: 'ПП-1', date: '2026-12-02', amountKzt: 0 } }))).toEqual([]);
  });

  it('refuses an id that is not a ULID', () => {
    expect(refusedPaths(valid({ id: 'not-a-ulid' }))).toEqual(['id']);
    // Crockford base32 has no I, L, O or U.
    expect(refusedPaths(valid({ id: '01KB000000000000000000000I' }))).toEqual(['id']);
    expect(refusedPaths(valid({ id: '01kb0000000000000000000001' }))).toEqual(['id']);
  });

  it('refuses a country that is not an ISO alpha-2 code', () => {
    expect(refusedPaths(valid({ carrierCountry: 'Kazakhstan' }))).toEqual(['carrierCountry']);
    expect(refusedPaths(valid({ dispatchCountry: 'kz' }))).toEqual(['dispatchCountry']);
    expect(refusedPaths(valid({ destinationCountry: 'KGZ' }))).toEqual(['destinationCountry']);
  });

  it('refuses a CN FEA code that is not 10 digits', () => {
    expect(refusedPaths(valid({ goods: [{ hsCode: '73089051001', quantity: 1, unit: 'kg' }] }))).toEqual(['goods.0.hsCode']);
    expect(refusedPaths(valid({ goods: [{ hsCode: '730890510', quantity: 1, unit: 'kg' }] }))).toEqual(['goods.0.hsCode']);
    expect(refusedPaths(valid({ goods: [{ hsCode: '7308 90 51 00', quantity: 1, unit: 'kg' }] }))).toEqual(['goods.0.hsCode']);
  });

  it('refuses a goods line without a positive quantity', () => {
    expect(refusedPaths(valid({ goods: [{ hsCode: '7308905100', quantity: 0, unit: 'kg' }] }))).toEqual(['goods.0.quantity']);
  });

  it('refuses an empty plate and an empty officer', () => {
    expect(refusedPaths(valid({ vehiclePlate: '' }))).toEqual(['vehiclePlate']);
    expect(refusedPaths(valid({ officerName: '' }))).toEqual(['officerName']);
  });

  it('refuses an unknown checkpoint, event or date', () => {
    expect(refusedPaths(valid({ checkpointId: 'khorgos' as JournalEntryInput['checkpointId'] }))).toEqual(['checkpointId']);
    expect(refusedPaths(valid({ event: 'stamp' as JournalEntryInput['event'] }))).toEqual(['event']);
    expect(refusedPaths(valid({ exitDeadline: '02.12.2026' }))).toEqual(['exitDeadline']);
    expect(refusedPaths(valid({ occurredAt: '2026-12-02 10:00' }))).toEqual(['occurredAt']);
  });

  it('adds receivedAt for the stored row', () => {
    expect(journalEntrySchema.safeParse(valid()).success).toBe(false);
    expect(journalEntrySchema.parse({ ...valid(), receivedAt: 0 }).receivedAt).toBe(0);
  });
});

describe('isProvisional', () => {
  it('is provisional offline, never synced, or when the last sync is older than the staleness limit', () => {
    expect(isProvisional(NOW - 60_000, false, NOW)).toBe(true);
    expect(isProvisional(null, true, NOW)).toBe(true);
    expect(isProvisional(NOW - STALE_AFTER_MS - 1, true, NOW)).toBe(true);
  });

  it('is not provisional online with data fresh to the limit', () => {
    expect(isProvisional(NOW - 60_000, true, NOW)).toBe(false);
    expect(isProvisional(NOW - STALE_AFTER_MS, true, NOW)).toBe(false);
  });

  it('takes 15 minutes as the limit', () => {
    expect(STALE_AFTER_MS).toBe(15 * 60_000);
  });
});

/** A transit-passage permit sold at Dostyk-avto at NOW. */
const soldPermit = (over: Partial<TransitPassagePermit> = {}): TransitPassagePermit => ({
  kind: 'kz-transit-passage',
  ground: 'no-balanced-exchange',
  number: 'TP-2026-0101',
  checkpointId: 'dostyk-avto',
  issuedAt: '2026-12-02T10:00:00.000+05:00',
  validTo: '2026-12-12',
  carrierName: 'Kabul Transit Co',
  carrierCountry: 'AF',
  vehiclePlate: 'KBL7788',
  fee: { documentNumber: 'ПП-1', date: '2026-12-02', amountKzt: 58_980 },
  carrierSigned: true,
  ...over,
});

/** A well-formed entry of each event, made at NOW (2026-12-02 in Kazakhstan). */
const WELL_FORMED: Record<JournalEvent, Partial<JournalEntryInput>> = {
  'entry-mark': { event: 'entry-mark', documentId: 'dom-KZ000101', documentKind: 'kz-domestic-permit', documentNumber: 'KZ000101', direction: 'entry', goods: [], declarationNumber: '', exitDeadline: '2027-01-01' },
  'exit-mark': { event: 'exit-mark', documentId: 'dom-KZ000101', documentKind: 'kz-domestic-permit', documentNumber: 'KZ000101', direction: 'exit', goods: [], declarationNumber: '' },
  'transit-sold': { event: 'transit-sold', documentId: 'tp-TP-2026-0101', documentKind: 'kz-transit-passage', documentNumber: 'TP-2026-0101', direction: 'entry', goods: [], declarationNumber: '', soldPermit: soldPermit() },
  'export-write-off': {},
  'export-exemption': { event: 'export-exemption', documentId: '', documentKind: '', documentNumber: '', direction: 'exit', exemption: { basis: 'personal-baggage', documentNumber: 'ПД-1' } },
  'seal-applied': { event: 'seal-applied', documentId: 'seal-NS-000451', documentKind: 'seal-escort', documentNumber: 'NS-000451', direction: 'entry', goods: [], declarationNumber: '', seal: { number: 'NS-000451', isIntact: true } },
  'seal-removed': { event: 'seal-removed', documentId: 'seal-NS-000452', documentKind: 'seal-escort', documentNumber: 'NS-000452', direction: 'exit', goods: [], declarationNumber: '', seal: { number: 'NS-000452', isIntact: true } },
};
const wellFormed = (event: JournalEvent, over: Partial<JournalEntryInput> = {}) => valid({ ...WELL_FORMED[event], ...over });
/** The fields journalEntryProblems names, in its order. */
const problemPaths = (e: JournalEntryInput) => journalEntryProblems(e).map((p) => p.path);

describe('journalEntryProblems', () => {
  it.each(JOURNAL_EVENTS)('finds nothing wrong with a well-formed %s', (event) => {
    const e = wellFormed(event);
    expect(journalEntryInputSchema.parse(e)).toEqual(e);
    expect(journalEntryProblems(e)).toEqual([]);
  });

  it('refuses a direction other than the event’s own', () => {
    expect(journalEntryProblems(wellFormed('exit-mark', { direction: 'entry' }))).toEqual([{ path: 'direction', message: 'exit-mark is an exit' }]);
    expect(problemPaths(wellFormed('entry-mark', { direction: 'exit' }))).toEqual(['direction']);
    expect(problemPaths(wellFormed('transit-sold', { direction: 'exit' }))).toEqual(['direction']);
    expect(problemPaths(wellFormed('seal-applied', { direction: 'exit' }))).toEqual(['direction']);
    expect(problemPaths(wellFormed('seal-removed', { direction: 'entry' }))).toEqual(['direction']);
  });

  it('refuses an event without the document it acts on, and an exemption without its basis', () => {
    for (const event of JOURNAL_EVENTS.filter((e) => e !== 'export-exemption')) expect(problemPaths(wellFormed(event, { documentId: '' })), event).toContain('documentId');
    expect(problemPaths(wellFormed('export-exemption', { exemption: null }))).toEqual(['exemption']);
    // O p.3: every basis but personal baggage is shown by a document whose number is recorded.
    expect(problemPaths(wellFormed('export-exemption', { exemption: { basis: 'personal-baggage', documentNumber: '' } }))).toEqual([]);
    expect(problemPaths(wellFormed('export-exemption', { exemption: { basis: 'ct-kz', documentNumber: ' ' } }))).toEqual(['exemption.documentNumber']);
  });

  it('refuses a write-off or an exemption without goods, and a seal event without the seal read', () => {
    expect(problemPaths(wellFormed('export-write-off', { goods: [] }))).toEqual(['goods']);
    expect(problemPaths(wellFormed('export-exemption', { goods: [] }))).toEqual(['goods']);
    expect(problemPaths(wellFormed('seal-applied', { seal: null }))).toEqual(['seal']);
    expect(problemPaths(wellFormed('seal-removed', { seal: null }))).toEqual(['seal']);
  });

  it('refuses an entry mark on a domestic or China permit without its exit deadline', () => {
    expect(journalEntryProblems(wellFormed('entry-mark', { exitDeadline: '' }))).toEqual([{ path: 'exitDeadline', message: 'an entry mark carries the exit deadline (p.50)' }]);
    const china = { documentId: 'cn-CN2026C00017', documentKind: 'cn-permit', documentNumber: 'CN2026C00017' } as const;
    expect(problemPaths(wellFormed('entry-mark', { ...china, exitDeadline: '' }))).toEqual(['exitDeadline']);
    expect(problemPaths(wellFormed('entry-mark', { ...china, exitDeadline: '2027-01-01' }))).toEqual([]);
    // Documents without the 30-day rule carry none.
    expect(problemPaths(wellFormed('entry-mark', { documentId: 'seal-NS-000451', documentKind: 'seal-escort', documentNumber: 'NS-000451', exitDeadline: '' }))).toEqual([]);
  });

  it('refuses an exit deadline more than 30 days after the day of entry in Kazakhstan, or before it', () => {
    // Entered on 2 December: the deadline may be that day up to 1 January.
    expect(problemPaths(wellFormed('entry-mark', { exitDeadline: '2026-12-02' }))).toEqual([]);
    expect(journalEntryProblems(wellFormed('entry-mark', { exitDeadline: '2027-01-02' }))).toEqual([{ path: 'exitDeadline', message: 'the exit deadline is at most 30 days after entry (p.50)' }]);
    expect(problemPaths(wellFormed('entry-mark', { exitDeadline: '2026-12-01' }))).toEqual(['exitDeadline']);
    expect(problemPaths(wellFormed('entry-mark', { documentId: 'cn-CN2026C00017', documentKind: 'cn-permit', documentNumber: 'CN2026C00017', exitDeadline: '2027-01-02' }))).toEqual(['exitDeadline']);
    // 20:30 UTC on 1 December is already 2 December at the checkpoint: the day counts from there.
    const lateUtc = { occurredAt: '2026-12-01T20:30:00.000Z' };
    expect(problemPaths(wellFormed('entry-mark', { ...lateUtc, exitDeadline: '2027-01-01' }))).toEqual([]);
    expect(problemPaths(wellFormed('entry-mark', { ...lateUtc, exitDeadline: '2026-12-01' }))).toEqual(['exitDeadline']);
  });

  it('refuses a sale without the permit sold, or whose permit disagrees with the entry', () => {
    expect(journalEntryProblems(wellFormed('transit-sold', { soldPermit: null }))).toEqual([{ path: 'soldPermit', message: 'a sale carries the permit sold' }]);
    expect(problemPaths(wellFormed('transit-sold', { soldPermit: soldPermit({ number: 'TP-2026-0102' }) }))).toEqual(['soldPermit.number']);
    expect(problemPaths(wellFormed('transit-sold', { documentId: 'tp-TP-2026-0102' }))).toEqual(['documentId']);
    expect(problemPaths(wellFormed('transit-sold', { documentId: 'TP-2026-0101' }))).toEqual(['documentId']);
    // Another number on the entry: neither the permit nor the id agree with it.
    expect(problemPaths(wellFormed('transit-sold', { documentNumber: 'TP-2026-0102' }))).toEqual(['soldPermit.number', 'documentId']);
    expect(problemPaths(wellFormed('transit-sold', { soldPermit: soldPermit({ checkpointId: 'kolzhat' }) }))).toEqual(['soldPermit.checkpointId']);
    expect(problemPaths(wellFormed('transit-sold', { checkpointId: 'kolzhat' }))).toEqual(['soldPermit.checkpointId']);
  });

  it('refuses a permit carried by any entry but a sale', () => {
    for (const event of JOURNAL_EVENTS.filter((e) => e !== 'transit-sold')) {
      expect(journalEntryProblems(wellFormed(event, { soldPermit: soldPermit() })), event).toEqual([{ path: 'soldPermit', message: 'only a sale carries a permit' }]);
    }
  });
});
