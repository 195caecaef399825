import { describe, expect, it } from 'vitest';
import { demoRegistry } from '../../server/demo/demo-registry.ts';
import { journalEntryFixture } from '../../test/fixtures/journal.ts';
import type { JournalEntryInput } from '../documents/journal-entry.ts';
import { readRegistryDocument, type RegistryPresented } from '../documents/registry-document.ts';
import { remainingQuantity } from '../documents/trade-permit.ts';
import { formatHlc } from '../ids/hlc.ts';
import { byJournalOrder, entryDay, recheckEntry, sealActionReasons, withJournal } from './apply-journal.ts';

const TODAY = '2026-12-02';
const REGISTRY = demoRegistry(TODAY);
const at = (hhmm: string, day = TODAY) => `${day}T${hhmm}:00.000+05:00`;

function docOf<K extends RegistryPresented['kind']>(id: string, kind: K): Extract<RegistryPresented, { kind: K }> {
  const row = REGISTRY.find((r) => r.id === id);
  const d = row ? readRegistryDocument(row) : null;
  if (!d || d.kind !== kind) throw new Error(`fixture ${id} is not a ${kind}`);
  return d as Extract<RegistryPresented, { kind: K }>;
}

let seq = 0;
/** A fixed, valid ULID per call, increasing. */
const nextId = () => `01KB${String(++seq).padStart(22, '0')}`;

/** A journal entry made at hh:mm today, with no exit deadline; its hybrid clock stamp is that time unless `hlcAt` says otherwise. */
function entry(hhmm: string, over: Partial<JournalEntryInput> = {}, hlcAt?: string): JournalEntryInput {
  const deskId = over.deskId ?? 'dostyk-avto-1';
  return journalEntryFixture({ id: nextId(), occurredAt: at(hhmm), hlc: formatHlc({ wallMs: Date.parse(at(hlcAt ?? hhmm)), counter: 0, node: deskId }), exitDeadline: '', ...over });
}

const entryMark = (hhmm: string, over: Partial<JournalEntryInput> = {}) => entry(hhmm, { event: 'entry-mark', direction: 'entry', exitDeadline: '2026-12-20', ...over });
const exitMark = (hhmm: string, over: Partial<JournalEntryInput> = {}) => entry(hhmm, { event: 'exit-mark', direction: 'exit', ...over });
const writeOff = (hhmm: string, number: string, lines: { hsCode: string; quantity: number }[], over: Partial<JournalEntryInput> = {}) =>
  entry(hhmm, {
    event: 'export-write-off',
    documentId: `ep-${number}`,
    documentKind: 'export-permit-003',
    documentNumber: number,
    direction: 'exit',
    vehiclePlate: '01KG777ABC',
    goods: lines.map((l) => ({ ...l, unit: 'kg' })),
    declarationNumber: '55301/021226/0004321',
    ...over,
  });
const sealEvent = (hhmm: string, event: 'seal-applied' | 'seal-removed', seal: string, isIntact: boolean, over: Partial<JournalEntryInput> = {}) =>
  entry(hhmm, { event, documentId: `seal-${seal}`, documentKind: 'seal-escort', documentNumber: seal, direction: event === 'seal-applied' ? 'entry' : 'exit', seal: { number: seal, isIntact }, ...over });

const codes = (rs: { code: string }[]) => rs.map((r) => r.code);

describe('byJournalOrder', () => {
  it('orders by hybrid clock, then by id', () => {
    const a = entry('10:00');
    const b = entry('09:00');
    expect([a, b].sort(byJournalOrder)).toEqual([b, a]);
    const tieA = { ...a, id: '01KB0000000000000000000000' };
    const tieB = { ...a, id: '01KB0000000000000000000001' };
    expect(byJournalOrder(tieB, tieA)).toBeGreaterThan(0);
    expect(byJournalOrder(tieA, tieB)).toBeLessThan(0);
    expect(byJournalOrder(tieA, { ...tieA })).toBe(0);
  });
});

describe('withJournal: marks on permits (Seed 002 p.50)', () => {
  it('adds entry and exit marks in journal order, with the entry mark carrying what the officer wrote', () => {
    const doc = docOf('dom-KZ000101', 'kz-domestic-permit');
    const exit = exitMark('11:00', { checkpointId: 'nur-zholy' });
    const ent = entryMark('09:00', { carrierName: 'Toshkent Trans Logistic', carrierCountry: 'UZ', route: 'Ташкент — Алматы' });
    const out = withJournal(doc, [exit, ent]);
    expect(out.marks).toEqual([
      { type: 'entry', checkpointId: 'dostyk-avto', at: at('09:00'), exitDeadline: '2026-12-20', carrierName: 'Toshkent Trans Logistic', vehiclePlate: '01A123BC', registrationCountry: 'UZ', route: 'Ташкент — Алматы' },
      // Empty optional fields are left out of the mark rather than written as ''.
      { type: 'exit', checkpointId: 'nur-zholy', at: at('11:00'), vehiclePlate: '01A123BC' },
    ]);
    // The rest of the permit is the registry's.
    expect({ ...out, marks: doc.marks }).toEqual(doc);
  });

  it('keeps the registry copy\'s marks first and never rewrites the registry copy itself', () => {
    const doc = docOf('dom-KZ000102', 'kz-domestic-permit');
    const before = structuredClone(doc);
    const out = withJournal(doc, [exitMark('10:00', { documentId: 'dom-KZ000102', vehiclePlate: '01KG777ABC' })]);
    expect(out.marks).toHaveLength(2);
    expect(out.marks[0]).toEqual(before.marks[0]);
    expect(out.marks[1]).toMatchObject({ type: 'exit', at: at('10:00') });
    expect(doc).toEqual(before);
  });

  it('orders by the hybrid clock, not by the wall time the desk wrote', () => {
    const doc = docOf('dom-KZ000101', 'kz-domestic-permit');
    // A desk whose wall clock ran ahead: occurredAt 12:00, but its stamp orders it at 08:00.
    const early = entry('12:00', { event: 'entry-mark', direction: 'entry', exitDeadline: '2026-12-20' }, '08:00');
    const late = exitMark('10:00');
    expect(withJournal(doc, [late, early]).marks.map((m) => m.type)).toEqual(['entry', 'exit']);
  });

  it('takes only mark events for a permit', () => {
    const doc = docOf('dom-KZ000101', 'kz-domestic-permit');
    const out = withJournal(doc, [writeOff('09:00', 'KZ000101', [{ hsCode: '7308905100', quantity: 1 }]), sealEvent('09:30', 'seal-applied', 'NS-000451', true)]);
    expect(out.marks).toEqual([]);
  });

  it('marks a China permit the same way', () => {
    const doc = docOf('cn-CN2026C00017', 'cn-permit');
    const out = withJournal(doc, [entryMark('09:00', { documentId: 'cn-CN2026C00017', vehiclePlate: '新F12345', exitDeadline: '' })]);
    expect(out.marks).toEqual([{ type: 'entry', checkpointId: 'dostyk-avto', at: at('09:00'), vehiclePlate: '新F12345' }]);
  });
});

describe('withJournal: write-offs (Seed 003 R-An3)', () => {
  it('writes off only the lines of the permit\'s own CN FEA code, after the registry\'s write-offs', () => {
    const doc = docOf('ep-EP-2026-0001', 'export-permit-003');
    expect(remainingQuantity(doc)).toBe(600);
    const w = writeOff('10:00', 'EP-2026-0001', [
      { hsCode: '7308905100', quantity: 100 },
      { hsCode: '7308905900', quantity: 300 },
      { hsCode: '7308905100', quantity: 50 },
    ]);
    const out = withJournal(doc, [w]);
    expect(out.writeOffs.slice(0, 1)).toEqual(doc.writeOffs);
    expect(out.writeOffs.slice(1)).toEqual([
      { declarationNumber: '55301/021226/0004321', quantity: 100, at: at('10:00') },
      { declarationNumber: '55301/021226/0004321', quantity: 50, at: at('10:00') },
    ]);
    expect(remainingQuantity(out)).toBe(450);
  });

  it('names a write-off without a declaration by the entry\'s id, and ignores marks', () => {
    const doc = docOf('ep-EP-2026-0001', 'export-permit-003');
    const w = writeOff('10:00', 'EP-2026-0001', [{ hsCode: '7308905100', quantity: 10 }], { declarationNumber: '' });
    const out = withJournal(doc, [w, exitMark('11:00', { documentId: 'ep-EP-2026-0001' })]);
    expect(out.writeOffs.at(-1)).toEqual({ declarationNumber: w.id, quantity: 10, at: at('10:00') });
    expect(out.writeOffs).toHaveLength(2);
  });

  it('writes off a licence too', () => {
    const doc = docOf('lic-LIC-2026-0077', 'licence-004');
    const out = withJournal(doc, [writeOff('10:00', 'LIC-2026-0077', [{ hsCode: '7108120009', quantity: 5 }], { documentId: 'lic-LIC-2026-0077', documentKind: 'licence-004' })]);
    expect(remainingQuantity(out)).toBe(15);
  });
});

describe('withJournal: navigation seal escort (Seed 001 D2 §2)', () => {
  it('activates the escort when the seal is applied and ends it when removed, with the reported integrity', () => {
    const doc = docOf('seal-NS-000451', 'seal-escort');
    expect(doc.activatedAt).toBeNull();
    const applied = withJournal(doc, [sealEvent('10:00', 'seal-applied', 'NS-000451', true)]);
    expect(applied).toMatchObject({ activatedAt: at('10:00'), organisedAt: at('10:00'), deactivatedAt: null, isSealIntact: true });
    const removed = withJournal(doc, [sealEvent('15:00', 'seal-removed', 'NS-000451', false), sealEvent('10:00', 'seal-applied', 'NS-000451', true)]);
    expect(removed).toMatchObject({ activatedAt: at('10:00'), deactivatedAt: at('15:00'), isSealIntact: false });
    expect(doc.activatedAt).toBeNull();
  });

  it('keeps an escort\'s earlier activation and organisation', () => {
    const doc = docOf('seal-NS-000452', 'seal-escort');
    const out = withJournal(doc, [sealEvent('10:00', 'seal-applied', 'NS-000452', true)]);
    expect(out.activatedAt).toBe(doc.activatedAt);
    expect(out.organisedAt).toBe(doc.organisedAt);
  });

  it('leaves documents the journal does not change as they are', () => {
    const doc = docOf('tp-TP-2026-0005', 'kz-transit-passage');
    expect(withJournal(doc, [entryMark('09:00', { documentId: 'tp-TP-2026-0005' })])).toEqual(doc);
  });
});

describe('sealActionReasons', () => {
  const nowMs = Date.parse(at('12:00'));
  const here = { plate: '777ABC02', checkpointId: 'dostyk-avto' as const, nowMs };

  it('applies the escort\'s own intact seal to an escort not yet active, the number compared without case or spaces', () => {
    expect(sealActionReasons(docOf('seal-NS-000451', 'seal-escort'), 'seal-applied', ' ns-000451 ', true, { ...here, plate: '01A123BC' })).toEqual([]);
  });

  it('refuses another seal, a broken one, and a second application', () => {
    const fresh = docOf('seal-NS-000451', 'seal-escort');
    const itsVehicle = { ...here, plate: '01A123BC' };
    expect(sealActionReasons(fresh, 'seal-applied', 'NS-000999', true, itsVehicle)).toEqual([{ code: 'seal-number-mismatch', paragraph: 'Seed 001 D2 §2', params: { presented: 'NS-000999', expected: 'NS-000451' } }]);
    expect(codes(sealActionReasons(fresh, 'seal-applied', 'NS-000451', false, itsVehicle))).toEqual(['seal-not-intact']);
    // The seal goes on the escorted vehicle only.
    expect(codes(sealActionReasons(fresh, 'seal-applied', 'NS-000451', true, here))).toEqual(['plate-mismatch']);
    const active = docOf('seal-NS-000452', 'seal-escort');
    expect(sealActionReasons(active, 'seal-applied', 'NS-000452', true, here)).toEqual([{ code: 'seal-already-applied', paragraph: 'Seed 001 D2 §2', params: { at: active.activatedAt! } }]);
  });

  it('removes the seal of an active escort from its own vehicle, and takes the rules of verifyDocument', () => {
    const active = docOf('seal-NS-000452', 'seal-escort');
    expect(sealActionReasons(active, 'seal-removed', 'NS-000452', true, here)).toEqual([]);
    expect(codes(sealActionReasons(active, 'seal-removed', 'NS-000452', true, { ...here, plate: '999ZZZ01' }))).toEqual(['plate-mismatch']);
    expect(codes(sealActionReasons(docOf('seal-NS-000451', 'seal-escort'), 'seal-removed', 'NS-000451', true, { ...here, plate: '01A123BC' }))).toContain('seal-not-active');
  });

  it('gives a broken seal once even when the escort already reports it broken', () => {
    const broken = { ...docOf('seal-NS-000452', 'seal-escort'), isSealIntact: false };
    expect(codes(sealActionReasons(broken, 'seal-removed', 'NS-000452', false, here))).toEqual(['seal-not-intact']);
  });
});

describe('recheckEntry: the centre\'s re-check on arrival', () => {
  it('has nothing to say about an exemption, which names no document', () => {
    const e = entry('10:00', { event: 'export-exemption', documentId: '', documentKind: '', documentNumber: '', direction: 'exit', exemption: { basis: 'ct-kz', documentNumber: 'CT-1' } });
    expect(recheckEntry(null, [], e)).toEqual([]);
  });

  it('refuses an entry on a document the registry does not hold', () => {
    const e = exitMark('10:00', { documentNumber: 'KZ999999', documentId: 'dom-KZ999999' });
    expect(recheckEntry(null, [], e)).toEqual([{ code: 'document-unknown', paragraph: 'Seed 002 p.52', params: { number: 'KZ999999' } }]);
  });

  it('agrees with an entry and an exit mark on an unused permit', () => {
    const doc = docOf('dom-KZ000101', 'kz-domestic-permit');
    const ent = entryMark('09:00');
    const exit = exitMark('11:00');
    expect(recheckEntry(doc, [], ent)).toEqual([]);
    expect(recheckEntry(doc, [ent], exit)).toEqual([]);
  });

  it('disputes a second exit mark as already used', () => {
    const doc = docOf('dom-KZ000101', 'kz-domestic-permit');
    const ent = entryMark('09:00');
    const first = exitMark('11:00');
    const second = exitMark('12:00', { checkpointId: 'kolzhat', deskId: 'kolzhat-1' });
    expect(codes(recheckEntry(doc, [ent, first], second))).toEqual(['already-used']);
    expect(recheckEntry(doc, [ent, first], second)[0]?.params).toEqual({ at: at('11:00') });
  });

  it('judges the document as the entries earlier in journal order left it: later ones, itself and other documents do not count', () => {
    const doc = docOf('dom-KZ000101', 'kz-domestic-permit');
    const ent = entryMark('09:00');
    const first = exitMark('11:00');
    const later = exitMark('12:00');
    const elsewhere = exitMark('10:00', { documentId: 'dom-KZ000103' });
    expect(recheckEntry(doc, [later, first, ent, elsewhere], first)).toEqual([]);
  });

  it('judges an exit mark against the entry mark\'s deadline (p.50)', () => {
    const doc = docOf('dom-KZ000101', 'kz-domestic-permit');
    const ent = entryMark('09:00', { exitDeadline: '' });
    expect(codes(recheckEntry(doc, [ent], exitMark('11:00')))).toEqual(['mark-incomplete']);
    expect(codes(recheckEntry(doc, [], exitMark('11:00')))).toEqual(['missing-mark']);
  });

  it('disputes a write-off over what the earlier write-offs left', () => {
    const doc = docOf('ep-EP-2026-0001', 'export-permit-003');
    const earlier = writeOff('09:00', 'EP-2026-0001', [{ hsCode: '7308905100', quantity: 500 }]);
    const over = writeOff('10:00', 'EP-2026-0001', [{ hsCode: '7308905100', quantity: 150 }, { hsCode: '7308905100', quantity: 50 }]);
    expect(recheckEntry(doc, [], over)).toEqual([]);
    const rs = recheckEntry(doc, [earlier], over);
    expect(codes(rs)).toEqual(['quantity-exceeded']);
    expect(rs[0]?.params).toEqual({ declared: '200', left: '100', unit: 'kg' });
  });

  it('disputes a write-off on a terminated export permit', () => {
    const doc = docOf('ep-EP-2026-0002', 'export-permit-003');
    expect(codes(recheckEntry(doc, [], writeOff('10:00', 'EP-2026-0002', [{ hsCode: '7308905100', quantity: 10 }], { documentId: 'ep-EP-2026-0002' })))).toEqual(['terminated']);
  });

  it('re-checks seal actions against the escort as the journal left it', () => {
    const doc = docOf('seal-NS-000451', 'seal-escort');
    const applied = sealEvent('10:00', 'seal-applied', 'NS-000451', true);
    const again = sealEvent('11:00', 'seal-applied', 'NS-000451', true);
    const removed = sealEvent('15:00', 'seal-removed', 'NS-000451', true);
    const removedAgain = sealEvent('16:00', 'seal-removed', 'NS-000451', true);
    expect(recheckEntry(doc, [], applied)).toEqual([]);
    expect(codes(recheckEntry(doc, [applied], again))).toEqual(['seal-already-applied']);
    expect(recheckEntry(doc, [applied], removed)).toEqual([]);
    expect(codes(recheckEntry(doc, [applied, removed], removedAgain))).toEqual(['seal-not-active']);
    // A removal recorded without a seal compares an empty number and counts as broken.
    expect(codes(recheckEntry(doc, [applied], { ...removed, seal: null }))).toEqual(['seal-number-mismatch', 'seal-not-intact']);
  });

  it('refuses a seal action on a document that is not an escort', () => {
    const doc = docOf('dom-KZ000101', 'kz-domestic-permit');
    expect(recheckEntry(doc, [], sealEvent('10:00', 'seal-applied', 'KZ000101', true, { documentId: 'dom-KZ000101' }))).toEqual([{ code: 'document-unknown', paragraph: 'Seed 001 D2 §2', params: { number: 'KZ000101' } }]);
  });
});

describe('entryDay', () => {
  it('is the day at the checkpoint (UTC+5), not in UTC', () => {
    expect(entryDay(entry('10:00', { occurredAt: '2026-12-01T20:30:00.000Z' }))).toBe('2026-12-02');
  });
});
