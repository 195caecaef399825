import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chinaPermitSchema, type ChinaPermit } from '../documents/china-permit.ts';
import { domesticPermitSchema, type DomesticPermit } from '../documents/domestic-permit.ts';
import { permitCardSchema, permitCertificateSchema } from '../documents/permit-card.ts';
import { presentedDocumentSchema } from '../documents/presented-document.ts';
import { sealEscortSchema, type SealEscort } from '../documents/seal-escort.ts';
import { exportPermitSchema, licenceSchema, remainingQuantity, type ExportPermit, type Licence } from '../documents/trade-permit.ts';
import { transitPassagePermitSchema, type TransitPassagePermit } from '../documents/transit-passage-permit.ts';
import { samplePermit } from '../../test/fixtures/permits.ts';
import { verifyDocument, type VerifyDocumentInput } from './verify-document.ts';

const NOW = Date.parse('2026-11-22T05:00:00Z'); // 22 November 2026, 10:00 at the checkpoint
const run = (document: VerifyDocumentInput['document'], over: Partial<VerifyDocumentInput> = {}) =>
  verifyDocument({ document, vehicle: { plate: '' }, checkpointId: 'dostyk-avto', direction: 'exit', nowMs: NOW, ...over });
const codes = (document: VerifyDocumentInput['document'], over: Partial<VerifyDocumentInput> = {}) => run(document, over).reasons.map((r) => r.code);

const china = (over: Partial<ChinaPermit> = {}): ChinaPermit =>
  chinaPermitSchema.parse({ kind: 'cn-permit', permitType: 'C', number: 'CN-C-0001', year: 2026, status: 'valid', carrierName: 'Xinjiang Trans', vehiclePlate: '新A12345', trailerPlate: null, marks: [], ...over });
const domestic = (over: Partial<DomesticPermit> = {}): DomesticPermit =>
  domesticPermitSchema.parse({ kind: 'kz-domestic-permit', category: 'bilateral', series: 'KZ', number: '000123', year: 2026, issuingCountry: 'KG', status: 'valid', carrierName: 'Ош Транс', vehiclePlate: '01KG123ABC', trailerPlate: null, route: 'Бишкек – Алматы', marks: [], ...over });
const entryMark = (at: string, exitDeadline?: string) => ({ type: 'entry' as const, checkpointId: 'dostyk-avto' as const, at, ...(exitDeadline ? { exitDeadline } : {}) });
const transit = (over: Partial<TransitPassagePermit> = {}): TransitPassagePermit =>
  transitPassagePermitSchema.parse({ kind: 'kz-transit-passage', ground: 'no-balanced-exchange', number: 'TP-1', checkpointId: 'dostyk-avto', issuedAt: '2026-11-22T09:00:00+05:00', validTo: '2026-12-06', carrierName: 'X', carrierCountry: 'TR', vehiclePlate: '34ABC123', fee: { documentNumber: 'Ч-77', date: '2026-11-22', amountKzt: 43_250 }, carrierSigned: true, ...over });
const trade = {
  number: 'EXP-2026-1', validFrom: '2026-01-10', validTo: '2026-12-31', contract: { number: 'K-1', date: '2026-01-05' }, applicant: { name: '«Алатау» ЖШС', binIin: '123456789012' },
  buyer: 'OOO Tashkent', destinationCountry: 'UZ', buyerCountry: 'UZ', currency: 'USD', value: 100_000, statisticalValue: 100_000, originCountry: 'CN', quantity: 100, unit: 'шт',
  hsCode: '8471500000', goodsDescription: 'processing units', additionalInfo: '', signedAt: '2026-01-10', status: 'active' as const, writeOffs: [],
};
const exportPermit = (over: Partial<ExportPermit> = {}): ExportPermit =>
  exportPermitSchema.parse({ kind: 'export-permit-003', ...trade, checkpointId: 'dostyk-avto', authorisedPerson: { name: 'А. Б.', position: 'директор', phone: '+7 700 000 00 00' }, ...over });
const licence = (over: Partial<Licence> = {}): Licence => licenceSchema.parse({ kind: 'licence-004', direction: 'export', isOneTime: false, ...trade, basis: 'contract', ...over });
const seal = (over: Partial<SealEscort> = {}): SealEscort =>
  sealEscortSchema.parse({ kind: 'seal-escort', sealNumber: 'NP-1', transitDeclarationNumber: 'TD-1', vehiclePlate: '777ABC02', departureCustoms: 'Достық', destinationCustoms: 'Алматы', decisionAt: '2026-11-21T10:00:00+05:00', organisedAt: '2026-11-21T15:00:00+05:00', activatedAt: '2026-11-21T15:00:00+05:00', deactivatedAt: null, isSealIntact: true, incidents: [], ...over });

describe('every kind of document parses through one discriminated union', () => {
  it('takes each kind and refuses an unknown one', () => {
    for (const d of [samplePermit(), china(), domestic(), transit(), exportPermit(), licence(), seal()]) expect(presentedDocumentSchema.parse(d).kind).toBe(d.kind);
    expect(presentedDocumentSchema.safeParse({ kind: 'visa' }).success).toBe(false);
  });
});

describe('China A/B/C permits (seed 002 p.6)', () => {
  it('Seed 002 p.6: valid until 31 December of its year', () => {
    expect(codes(china())).toEqual([]);
    expect(codes(china({ year: 2025 }))).toEqual(['expired']);
  });
  it('Seed 002 p.6: B and C cover one trip out and back; A does not count trips', () => {
    const out = [{ type: 'exit' as const, checkpointId: 'dostyk-avto' as const, at: '2026-11-01T10:00:00+05:00' }];
    expect(codes(china({ marks: out }))).toEqual(['already-used']);
    expect(codes(china({ marks: out }), { direction: 'entry' })).toEqual([]);
    expect(codes(china({ permitType: 'A', marks: out }))).toEqual([]);
  });
  it('Seed 002 p.50: the vehicle is the permit’s', () => {
    expect(codes(china(), { vehicle: { plate: '新B99999' } })).toEqual(['plate-mismatch']);
  });
});

describe('Kazakh domestic permits of foreign carriers (seed 002 p.42-46, p.50)', () => {
  it('Seed 002 p.42: valid until 31 January of the next year unless the agreement says otherwise', () => {
    expect(codes(domestic({ year: 2025 }), { direction: 'entry', nowMs: Date.parse('2026-01-31T12:00:00Z') })).toEqual([]);
    expect(codes(domestic({ year: 2025 }), { direction: 'entry', nowMs: Date.parse('2026-02-01T05:00:00Z') })).toEqual(['expired']);
    expect(codes(domestic({ year: 2026, agreementValidTo: '2026-06-30' }), { direction: 'entry' })).toEqual(['expired']);
  });
  it('Seed 002 p.50: leaving needs the entry mark, and within its exit deadline of at most 30 days', () => {
    expect(codes(domestic())).toEqual(['missing-mark']);
    expect(codes(domestic({ marks: [entryMark('2026-11-01T10:00:00+05:00', '2026-11-30')] }))).toEqual([]);
    expect(codes(domestic({ marks: [entryMark('2026-11-01T10:00:00+05:00', '2026-11-20')] }))).toEqual(['exit-deadline-passed']);
    // A deadline written beyond 30 days is held to 30: entered 22 October, gone by 21 November.
    expect(codes(domestic({ marks: [entryMark('2026-10-22T10:00:00+05:00', '2026-12-31')] }))).toEqual(['exit-deadline-passed']);
    expect(codes(domestic({ marks: [entryMark('2026-10-23T10:00:00+05:00', '2026-12-31')] }))).toEqual([]);
  });
  it('Seed 002 p.43: one journey there and back', () => {
    const both = [entryMark('2026-11-01T10:00:00+05:00', '2026-11-30'), { type: 'exit' as const, checkpointId: 'kolzhat' as const, at: '2026-11-10T10:00:00+05:00' }];
    expect(codes(domestic({ marks: both }), { direction: 'entry' })).toEqual(['already-used']);
  });
});

describe('transit-passage permits sold at the checkpoint (seed 002 p.47-48, p.52)', () => {
  it('Seed 002 p.47-48: only after the fee is paid, and the carrier signs for a paper permit (p.52.14)', () => {
    expect(codes(transit())).toEqual([]);
    expect(codes(transit({ fee: { documentNumber: '', date: '2026-11-22', amountKzt: 0 }, carrierSigned: false }))).toEqual(['fee-not-paid', 'missing-signature']);
  });
  it('Seed 002 p.47: an unregistered vehicle in transit carries no third-country goods', () => {
    expect(codes(transit({ ground: 'unregistered-vehicle' }), { carriesThirdCountryGoods: true })).toEqual(['third-country-cargo-forbidden']);
  });
});

describe('export permits of seed 003 and licences of seed 004', () => {
  it('Seed 003 R p.10: valid to 31 December of the year of issue; R p.14-15: terminated is refused', () => {
    expect(codes(exportPermit())).toEqual([]);
    expect(codes(exportPermit(), { nowMs: Date.parse('2027-01-01T05:00:00Z') })).toEqual(['expired']);
    expect(codes(exportPermit({ status: 'terminated' }))).toEqual(['terminated']);
  });
  it('Seed 003 R-An3 boxes 13-15: the declared code must be the permit’s, all ten digits, and within what is left', () => {
    const p = exportPermit({ writeOffs: [{ declarationNumber: 'D1', quantity: 60, at: '2026-10-01T10:00:00+05:00' }] });
    expect(remainingQuantity(p)).toBe(40);
    expect(codes(p, { declaredGoods: { hsCode: '8471500000', quantity: 40 } })).toEqual([]);
    expect(codes(p, { declaredGoods: { hsCode: '8471500000', quantity: 41 } })).toEqual(['quantity-exceeded']);
    expect(codes(p, { declaredGoods: { hsCode: '8471500001', quantity: 1 } })).toEqual(['hs-code-not-covered']);
  });
  it('Seed 003 O p.1: only to CIS states, only on the way out, at the checkpoint the application named', () => {
    expect(codes(exportPermit({ destinationCountry: 'CN' }))).toEqual(['destination-not-cis']);
    expect(codes(exportPermit(), { direction: 'entry' })).toEqual(['wrong-direction']);
    expect(codes(exportPermit(), { checkpointId: 'bakhty' })).toEqual(['wrong-checkpoint']);
    expect(codes(exportPermit({ hsCode: '0101210000' }))).toEqual(['hs-code-not-listed']);
  });
  it('Seed 003 An3 rows 7 and 14: a permit for a code under a listed heading (8807) or subheading (8529 10) is for a listed good', () => {
    expect(codes(exportPermit({ hsCode: '8807300009' }), { declaredGoods: { hsCode: '8807 30 000 9', quantity: 100 } })).toEqual([]);
    expect(codes(exportPermit({ hsCode: '8529109000' }))).toEqual([]);
    expect(codes(exportPermit({ hsCode: '8806100000' }))).toEqual(['hs-code-not-listed']);
  });
  it('Seed 003 R p.10: a permit issued in December ends on 31 December even if box 2 says later', () => {
    const december = exportPermit({ validFrom: '2026-12-20', validTo: '2027-03-31', signedAt: '2026-12-20' });
    expect(codes(december, { nowMs: Date.parse('2026-12-31T12:00:00Z') })).toEqual([]);
    expect(run(december, { nowMs: Date.parse('2027-01-01T05:00:00Z') }).reasons).toMatchObject([{ code: 'expired', params: { validTo: '2026-12-31' } }]);
  });
  it('Seed 004 LR-A5/A6: an export licence does not let goods in; validity is inclusive', () => {
    expect(codes(licence(), { nowMs: Date.parse('2026-12-31T12:00:00Z') })).toEqual([]);
    expect(codes(licence(), { direction: 'entry' })).toEqual(['wrong-direction']);
    expect(codes(licence({ direction: 'import' }), { direction: 'entry' })).toEqual([]);
    expect(codes(licence({ status: 'suspended' }))).toEqual(['suspended']);
  });
  it('never lets more out than the quantity, for any write-offs (quantity ledger)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 30 }), { maxLength: 8 }), fc.integer({ min: 1, max: 120 }), (offs, declared) => {
        const p = exportPermit({ writeOffs: offs.map((q, i) => ({ declarationNumber: `D${i}`, quantity: q, at: '2026-10-01T10:00:00+05:00' })) });
        const allowed = run(p, { declaredGoods: { hsCode: p.hsCode, quantity: declared } }).isAllowed;
        expect(allowed).toBe(offs.reduce((a, b) => a + b, 0) + declared <= 100);
      }),
    );
  });
});

describe('navigation-seal escort (seed 001 D2)', () => {
  it('Seed 001 D2 §2: the seal is active and intact', () => {
    expect(codes(seal())).toEqual([]);
    expect(codes(seal({ isSealIntact: false, deactivatedAt: '2026-11-22T08:00:00+05:00' }))).toEqual(['seal-not-active', 'seal-not-intact']);
  });
  it('Seed 001 D2 §5: escort organised within 24 hours; D2 §11: an incident notified within 1 hour', () => {
    expect(codes(seal({ organisedAt: '2026-11-22T10:00:01+05:00' }))).toEqual(['escort-late']);
    expect(codes(seal({ incidents: [{ at: '2026-11-21T20:00:00+05:00', notifiedAt: '2026-11-21T21:30:00+05:00', description: 'signal lost' }] }))).toEqual(['incident-not-notified']);
  });
});

describe('permit cards (seed 000 Rules §8, §17)', () => {
  const card = permitCardSchema.parse({ cardNumber: 'KZ-PC-1', carrierBinIin: '123456789012', vehicles: [{ plate: '123 АВС 02', tachographValidTo: '2027-01-01', inspectionValidTo: '2026-11-21' }] });
  it('Rules §8: a vehicle whose inspection lapsed is not on the card in effect; Rules §17: nor one not listed', () => {
    expect(codes(china({ vehiclePlate: '123ABC02' }), { vehicle: { plate: '123abc02' }, permitCard: card })).toEqual(['inspection-lapsed']);
    expect(codes(china(), { vehicle: { plate: '新A12345' }, permitCard: card })).toEqual(['vehicle-not-on-card']);
  });
});

describe('vehicle, trailer and make (seed 000 Rules §17; seed 002 p.52)', () => {
  const card = permitCardSchema.parse({ cardNumber: 'KZ-PC-2', carrierBinIin: '123456789012', vehicles: [{ plate: '123 АВС 02', make: 'Mercedes-Benz', tachographValidTo: '2027-01-01', inspectionValidTo: '2027-01-01' }] });
  it('Seed 000 Rules §17: the make on the card must be the vehicle’s; case, spaces and hyphens do not count', () => {
    const permit = samplePermit();
    expect(codes(permit, { vehicle: { plate: '123ABC02', make: 'mercedes benz' }, permitCard: card })).toEqual([]);
    expect(codes(permit, { vehicle: { plate: '123ABC02', make: 'MAN' }, permitCard: card })).toEqual(['make-mismatch']);
    expect(codes(permit, { vehicle: { plate: '123ABC02' }, permitCard: card })).toEqual([]); // make not entered: not checked
  });
  it('Seed 000 Annex 1 item 6, Annex 3 item 3: a presented trailer must be the permit’s trailer', () => {
    expect(codes(samplePermit(), { vehicle: { plate: '123ABC02', trailerPlate: '45BCA02' } })).toEqual([]);
    const r = run(samplePermit(), { vehicle: { plate: '123ABC02', trailerPlate: '99ZZZ02' } }).reasons;
    expect(r).toMatchObject([{ code: 'trailer-mismatch', paragraph: expect.stringMatching(/Seed 000/) }]);
  });
  it('Seed 002 p.52: a domestic permit’s trailer is checked when it names one', () => {
    expect(codes(domestic({ trailerPlate: '01KG777TT' }), { direction: 'entry', vehicle: { plate: '01KG123ABC', trailerPlate: '01KG888TT' } })).toEqual(['trailer-mismatch']);
    expect(codes(domestic(), { direction: 'entry', vehicle: { plate: '01KG123ABC', trailerPlate: '01KG888TT' } })).toEqual([]);
  });
});

describe('permit cards and permit certificates shown on their own (seed 000 Rules §2(1)-(2), §8)', () => {
  const card = presentedDocumentSchema.parse({ kind: 'permit-card', cardNumber: 'KZ-PC-3', carrierBinIin: '123456789012', vehicles: [{ plate: '123 АВС 02', tachographValidTo: '2026-11-22', inspectionValidTo: '2027-01-01' }] });
  const certificate = (over: object = {}) => presentedDocumentSchema.parse({ kind: 'permit-certificate', number: 'KZ-PS-1', carrierBinIin: '123456789012', validTo: '2026-11-22', status: 'valid', ...over });
  it('Seed 000 Rules §8: the tachograph check’s last valid day is valid, the next day it has lapsed', () => {
    expect(codes(card, { vehicle: { plate: '123abc02' } })).toEqual([]);
    expect(codes(card, { vehicle: { plate: '123abc02' }, nowMs: Date.parse('2026-11-23T05:00:00Z') })).toEqual(['tachograph-check-lapsed']);
    expect(codes(card, { vehicle: { plate: '777KKK02' } })).toEqual(['vehicle-not-on-card']);
  });
  it('Seed 000 Rules §8(1): a certificate in force; suspended, revoked or expired is refused', () => {
    expect(codes(certificate())).toEqual([]);
    expect(codes(certificate({ status: 'revoked' }))).toEqual(['permit-certificate-revoked']);
    expect(codes(certificate(), { nowMs: Date.parse('2026-11-23T05:00:00Z') })).toEqual(['permit-certificate-expired']);
  });
  it('Seed 000 Rules §8(1): a C-permit is refused when the carrier’s certificate given with it is suspended', () => {
    const c = permitCertificateSchema.parse({ number: 'KZ-PS-1', carrierBinIin: '123456789012', validTo: '2027-12-31', status: 'suspended' });
    expect(codes(samplePermit(), { permitCertificate: c })).toEqual(['permit-certificate-suspended']);
  });
});

describe('what a domestic permit lets the vehicle carry (seed 002 p.43-46, p.50, p.52)', () => {
  const marks = [entryMark('2026-11-10T10:00:00+05:00', '2026-12-01')];
  const carrying = (d: DomesticPermit, loadingCountry: string, unloadingCountry: string, extra: object = {}) =>
    codes(d, { direction: 'exit', cargo: { loadingCountry, unloadingCountry, ...extra } });
  it('Seed 002 p.52: no carriage between two points in Kazakhstan unless the agreement allows it', () => {
    expect(carrying(domestic({ marks }), 'KZ', 'KZ')).toEqual(['cabotage-not-permitted']);
    expect(carrying(domestic({ marks, agreementAllowsCabotage: true }), 'KZ', 'KZ')).toEqual([]);
  });
  it('Seed 002 p.43: backhaul from Kazakhstan to the registration state is covered by the bilateral permit', () => {
    expect(carrying(domestic({ marks }), 'KZ', 'KG')).toEqual([]);
  });
  it('Seed 002 p.44: a vehicle back from a transit run loads in Kazakhstan only with an additional permit', () => {
    const transitRun = domestic({ category: 'transit', marks });
    expect(run(transitRun, { cargo: { loadingCountry: 'KZ', unloadingCountry: 'KG' } }).reasons).toMatchObject([{ code: 'additional-permit-required', params: { permit: 'additional' } }]);
    expect(run(transitRun, { cargo: { loadingCountry: 'KZ', unloadingCountry: 'TJ' } }).reasons).toMatchObject([{ code: 'additional-permit-required', params: { permit: 'additional-third-country' } }]);
    expect(carrying(domestic({ category: 'additional', marks }), 'KZ', 'KG')).toEqual([]);
  });
  it('Seed 002 p.45-46: carriage between two states neither of which registered the vehicle needs a third-country permit', () => {
    expect(carrying(domestic({ category: 'additional', marks }), 'KZ', 'TJ')).toEqual(['third-country-permit-required']);
    expect(carrying(domestic({ marks }), 'RU', 'KZ')).toEqual(['third-country-permit-required']);
    expect(carrying(domestic({ category: 'third-country', marks }), 'RU', 'KZ')).toEqual([]);
    expect(carrying(domestic({ category: 'additional-third-country', marks }), 'KZ', 'TJ')).toEqual([]);
  });
  it('Seed 002 p.46-1: third-country cargo transshipped in the registration state with CMR or invoice needs no third-country permit', () => {
    expect(carrying(domestic({ marks }), 'RU', 'KZ', { hasTransshipmentDocuments: true })).toEqual([]);
  });
  it('Seed 002 p.50: an entry mark without its exit deadline is incomplete', () => {
    expect(codes(domestic({ marks: [entryMark('2026-11-10T10:00:00+05:00')] }))).toEqual(['mark-incomplete']);
  });
  it('Seed 002 p.50: the exit deadline is exactly 30 calendar days after the entry day, for any entry day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 40 }), (entryOffset, daysLater) => {
        const entryDay = new Date(Date.UTC(2026, 0, 1) + entryOffset * 86_400_000).toISOString().slice(0, 10);
        const d = domestic({ marks: [entryMark(`${entryDay}T12:00:00+05:00`, '2027-12-31')] });
        const now = Date.parse(`${entryDay}T12:00:00+05:00`) + daysLater * 86_400_000;
        expect(codes(d, { nowMs: now }).includes('exit-deadline-passed')).toBe(daysLater > 30);
      }),
    );
  });
});

describe('transit-passage permits and China permits on the road (seed 002 p.43, p.47)', () => {
  it('Seed 002 p.47: the cargo route itself shows third-country carriage for an unregistered vehicle', () => {
    expect(codes(transit({ ground: 'unregistered-vehicle' }), { cargo: { loadingCountry: 'KZ', unloadingCountry: 'UZ' } })).toEqual(['third-country-cargo-forbidden']);
    expect(codes(transit({ ground: 'unregistered-vehicle' }), { cargo: { loadingCountry: 'KZ', unloadingCountry: 'TR' } })).toEqual([]);
  });
  it('Seed 002 p.43: B and C reach only the near-border terminals within 75 km; A goes to its destination', () => {
    expect(codes(china(), { direction: 'entry', destinationKmFromBorder: 75 })).toEqual([]);
    expect(codes(china(), { direction: 'entry', destinationKmFromBorder: 76 })).toEqual(['beyond-border-zone']);
    expect(codes(china({ permitType: 'A' }), { direction: 'entry', destinationKmFromBorder: 900 })).toEqual([]);
  });
  it('Seed 002 p.50: a B or C permit marked on entry leaves by that mark’s exit deadline, never more than 30 days on', () => {
    const entry = (at: string, exitDeadline?: string) => ({ type: 'entry' as const, checkpointId: 'kolzhat' as const, at, ...(exitDeadline ? { exitDeadline } : {}) });
    expect(codes(china({ marks: [entry('2026-11-10T05:00:00Z', '2026-11-25')] }))).toEqual([]);
    expect(codes(china({ marks: [entry('2026-11-10T05:00:00Z', '2026-11-20')] }))).toEqual(['exit-deadline-passed']);
    // A deadline written beyond 30 days counts as 30 days.
    expect(codes(china({ marks: [entry('2026-10-01T05:00:00Z', '2026-12-31')] }))).toEqual(['exit-deadline-passed']);
    expect(codes(china({ permitType: 'A', marks: [entry('2026-10-01T05:00:00Z', '2026-10-05')] }))).toEqual([]);
  });
});

describe('every reason names its paragraph', () => {
  it('no reason is without a seed paragraph, for any combination of faults', () => {
    const docs = [samplePermit({ status: 'annulled' }), china({ status: 'annulled', year: 2020 }), domestic({ status: 'annulled' }), transit({ carrierSigned: false }), exportPermit({ status: 'terminated' }), licence({ status: 'suspended' }), seal({ isSealIntact: false })];
    fc.assert(
      fc.property(fc.constantFrom(...docs), fc.constantFrom('exit' as const, 'entry' as const), fc.string({ maxLength: 10 }), (doc, direction, plate) => {
        for (const r of run(doc, { direction, vehicle: { plate, trailerPlate: 'X1' }, cargo: { loadingCountry: 'KZ', unloadingCountry: 'KZ' } }).reasons) expect(r.paragraph).toMatch(/^Seed 00\d[ ,]/);
      }),
    );
  });
});
