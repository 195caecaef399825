import { describe, expect, it } from 'vitest';
import { formatHlc } from '../ids/hlc.ts';
import { isProvisional, journalEntryInputSchema, journalEntrySchema, STALE_AFTER_MS, type JournalEntryInput } from './journal-entry.ts';

const NOW = Date.parse('2026-12-02T10:00:00.000+05:00');

const valid = (over: Partial<JournalEntryInput> = {}): JournalEntryInput => ({
  id: '01KB0000000000000000000001',
  event: 'export-write-off',
  documentId: 'ep-EP-2026-0001',
  documentKind: 'export-permit-003',
  documentNumber: 'EP-2026-0001',
  direction: 'exit',
  checkpointId: 'dostyk-avto',
  deskId: 'dostyk-avto-1',
  officerName: 'Сәрсенбаев Ә.',
  occurredAt: '2026-12-02T10:00:00.000+05:00',
  hlc: formatHlc({ wallMs: NOW, counter: 0, node: 'dostyk-avto-1' }),
  carrierName: 'Құрылыс Металл ЖШС',
  carrierCountry: 'KZ',
  carrierAddress: '',
  dispatchCountry: 'KZ',
  destinationCountry: 'KG',
  route: '',
  vehicleMake: '',
  vehiclePlate: '01KG777ABC',
  trailerPlate: '',
  permitType: 'export-permit-003',
  permitValidTo: '2026-12-31',
  permitIssued: '2026-01-03 EP-2026-0001',
  permitReceivedOn: '',
  feeDocument: null,
  carrierSigned: null,
  exitDeadline: '',
  goods: [{ hsCode: '7308905100', quantity: 100, unit: 'kg' }],
  declarationNumber: '55301/021226/0004321',
  exemption: null,
  seal: null,
  soldPermit: null,
  reasons: [],
  provisional: false,
  dataSyncedAt: null,
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
