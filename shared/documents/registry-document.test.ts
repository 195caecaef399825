import { describe, expect, it } from 'vitest';
import { demoRegistry } from '../../server/demo/demo-registry.ts';
import { samplePermit } from '../../test/fixtures/permits.ts';
import { presentedDocumentSchema } from './presented-document.ts';
import { documentKey, presentedNumber, readRegistryDocument, registryDocumentSchema, toRegistryDocument, type RegistryPresented } from './registry-document.ts';

const TODAY = '2026-12-02';
const REGISTRY = demoRegistry(TODAY);
const row = (id: string) => {
  const r = REGISTRY.find((x) => x.id === id);
  if (!r) throw new Error(`no fixture ${id}`);
  return r;
};
const doc = (id: string) => row(id).document as unknown as RegistryPresented;

describe('documentKey', () => {
  it('removes spaces, upper-cases and folds Cyrillic look-alikes to Latin', () => {
    expect(documentKey('к z 000101')).toBe('KZ000101');
    expect(documentKey(' KZ\t0001\n01 ')).toBe('KZ000101');
    // Every look-alike of the fold table: А В Е К М Н О Р С Т Х У.
    expect(documentKey('авекмнорстху')).toBe('ABEKMHOPCTXY');
    expect(documentKey('ns-000451')).toBe('NS-000451');
  });

  // FAILS AT PRESENT (reported to the lead): the brief's example. 'З' is not in the fold table, so an
  // officer typing the series as 'КЗ' on a Cyrillic layout gets 'KЗ000101' and no match.
  it('folds the series "кз" typed on a Cyrillic layout to KZ', () => {
    expect(documentKey('кз 000101')).toBe('KZ000101');
  });

  it('keeps letters with no Latin look-alike, and control characters out', () => {
    expect(documentKey('新f12345')).toBe('新F12345');
    expect(documentKey('жш\u0007-1')).toBe('ЖШ-1');
  });

  it('is at most 64 characters, the schema\'s limit', () => {
    expect(documentKey('a'.repeat(100))).toBe('A'.repeat(64));
  });

  it('finds a typed number by the key stored for the document', () => {
    expect(documentKey('Кz000101')).toBe(row('dom-KZ000101').number);
    expect(documentKey('ер-2026-0001')).toBe(row('ep-EP-2026-0001').number);
  });
});

describe('presentedNumber', () => {
  it('is series and number of a domestic permit, the seal of an escort, the card number of a permit card, and the number otherwise', () => {
    expect(presentedNumber(doc('dom-KZ000101'))).toBe('KZ000101');
    expect(presentedNumber(doc('seal-NS-000451'))).toBe('NS-000451');
    expect(presentedNumber(doc('cn-CN2026C00017'))).toBe('CN2026C00017');
    expect(presentedNumber(doc('ep-EP-2026-0001'))).toBe('EP-2026-0001');
    expect(presentedNumber(doc('lic-LIC-2026-0077'))).toBe('LIC-2026-0077');
    expect(presentedNumber(doc('tp-TP-2026-0005'))).toBe('TP-2026-0005');
    const card: RegistryPresented = { kind: 'permit-card', cardNumber: 'PC-0042', carrierBinIin: '120540012345', vehicles: [{ plate: '123ABC02', tachographValidTo: '2027-01-01', inspectionValidTo: '2027-01-01' }] };
    expect(presentedNumber(card)).toBe('PC-0042');
  });
});

describe('toRegistryDocument', () => {
  it('keys a document by its folded number and normalised plate, keeping the body as it is', () => {
    const d = { ...doc('dom-KZ000101'), series: 'кZ', vehiclePlate: '01 а 123 вс' } as RegistryPresented;
    const r = toRegistryDocument('dom-x', d);
    expect(r).toEqual({ id: 'dom-x', kind: 'kz-domestic-permit', number: 'KZ000101', plate: '01A123BC', document: d });
    expect(registryDocumentSchema.parse(r)).toEqual(r);
  });

  it('gives no plate to a document that names no vehicle', () => {
    expect(toRegistryDocument('ep', doc('ep-EP-2026-0001')).plate).toBe('');
    expect(toRegistryDocument('lic', doc('lic-LIC-2026-0077')).plate).toBe('');
  });

  it('makes the demo rows the desk looks up', () => {
    expect(row('seal-NS-000452')).toMatchObject({ kind: 'seal-escort', number: 'NS-000452', plate: '777ABC02' });
    expect(row('cn-CN2026C00017')).toMatchObject({ kind: 'cn-permit', number: 'CN2026C00017', plate: '新F12345' });
    for (const r of REGISTRY) expect(registryDocumentSchema.safeParse(r).success, r.id).toBe(true);
  });
});

describe('readRegistryDocument', () => {
  it('reads back every demo document as the rules see it', () => {
    for (const r of REGISTRY) {
      const d = readRegistryDocument(r);
      expect(d, r.id).not.toBeNull();
      expect(d!.kind).toBe(r.kind);
      expect(d).toEqual(r.document);
    }
  });

  it('refuses a malformed body', () => {
    const r = row('dom-KZ000101');
    const { series: _series, ...noSeries } = r.document;
    expect(readRegistryDocument({ kind: r.kind, document: noSeries })).toBeNull();
    expect(readRegistryDocument({ kind: r.kind, document: { ...r.document, status: 'lost' } })).toBeNull();
    expect(readRegistryDocument({ kind: r.kind, document: {} })).toBeNull();
  });

  it('refuses a body of another kind than the row says', () => {
    const r = row('ep-EP-2026-0001');
    expect(readRegistryDocument({ kind: 'licence-004', document: r.document })).toBeNull();
    expect(readRegistryDocument({ kind: 'seal-escort', document: row('dom-KZ000101').document })).toBeNull();
  });

  it('refuses a C-permit, which is not a registry document', () => {
    const cPermit = { ...samplePermit(), kind: 'c-permit' } as unknown as Record<string, unknown>;
    expect(presentedDocumentSchema.safeParse(cPermit).success).toBe(true);
    expect(readRegistryDocument({ kind: 'cn-permit', document: cPermit })).toBeNull();
  });
});
