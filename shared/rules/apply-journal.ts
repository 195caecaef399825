import { transitFee, type FeeRateTable } from '../documents/fee-rates.ts';
import type { JournalEntry, JournalEntryInput } from '../documents/journal-entry.ts';
import type { PresentedDocument } from '../documents/presented-document.ts';
import type { CheckpointId } from '../reference/checkpoints.ts';
import { kzDate } from './local-date.ts';
import { normalizePlate, platesMatch } from './plate.ts';
import { verifyDocument, type DocumentReason } from './verify-document.ts';

type Entry = JournalEntryInput | JournalEntry;
type RegistryDoc = Exclude<PresentedDocument, { kind: 'c-permit' }>;

/** Journal order: the desks' hybrid clocks, then ids, so every desk and the centre agree. */
export function byJournalOrder(a: Entry, b: Entry): number {
  return a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The document as the journal leaves it: the centre's registry copy plus what officers recorded since,
 * at any desk. Marks add to a permit's marks (p.50), write-offs to a permit's or licence's quantity
 * ledger, seal events set the escort's state. The registry copy itself is never rewritten by the
 * journal, so nothing is counted twice.
 */
export function withJournal<D extends RegistryDoc>(doc: D, entries: readonly Entry[]): D {
  const mine = [...entries].sort(byJournalOrder);
  switch (doc.kind) {
    case 'kz-domestic-permit':
    case 'cn-permit': {
      const marks = mine
        .filter((e) => e.event === 'entry-mark' || e.event === 'exit-mark')
        .map((e) => ({
          type: e.event === 'entry-mark' ? ('entry' as const) : ('exit' as const),
          checkpointId: e.checkpointId,
          at: e.occurredAt,
          ...(e.exitDeadline ? { exitDeadline: e.exitDeadline } : {}),
          ...(e.carrierName ? { carrierName: e.carrierName } : {}),
          vehiclePlate: e.vehiclePlate,
          ...(e.carrierCountry ? { registrationCountry: e.carrierCountry } : {}),
          ...(e.route ? { route: e.route } : {}),
        }));
      return { ...doc, marks: [...doc.marks, ...marks] };
    }
    case 'export-permit-003':
    case 'licence-004': {
      const writeOffs = mine
        .filter((e) => e.event === 'export-write-off')
        .flatMap((e) => e.goods.filter((g) => g.hsCode === doc.hsCode).map((g) => ({ declarationNumber: e.declarationNumber || e.id, quantity: g.quantity, at: e.occurredAt })));
      return { ...doc, writeOffs: [...doc.writeOffs, ...writeOffs] };
    }
    case 'seal-escort': {
      let next: Extract<RegistryDoc, { kind: 'seal-escort' }> = { ...doc };
      for (const e of mine) {
        if (e.event === 'seal-applied') next = { ...next, activatedAt: next.activatedAt ?? e.occurredAt, organisedAt: next.organisedAt ?? e.occurredAt, isSealIntact: e.seal?.isIntact ?? next.isSealIntact };
        if (e.event === 'seal-removed') next = { ...next, deactivatedAt: e.occurredAt, isSealIntact: e.seal?.isIntact ?? next.isSealIntact };
      }
      return next as D;
    }
    default:
      return doc;
  }
}

const reason = (code: string, paragraph: string, params?: Record<string, string>): DocumentReason => (params ? { code, paragraph, params } : { code, paragraph });

/**
 * Applying or removing the navigation seal (seed 001 D2 §2): the seal presented must be the escort's;
 * it is applied once, on a vehicle whose escort is not yet active, and removed from an active one, where
 * a broken seal is a refusal (the vehicle is held). Removal also takes every rule of verifyDocument.
 */
export function sealActionReasons(doc: Extract<RegistryDoc, { kind: 'seal-escort' }>, action: 'seal-applied' | 'seal-removed', presentedSeal: string, isIntact: boolean, input: { plate: string; checkpointId: CheckpointId; nowMs: number }): DocumentReason[] {
  const out: DocumentReason[] = [];
  if (presentedSeal.trim().toUpperCase() !== doc.sealNumber.toUpperCase()) out.push(reason('seal-number-mismatch', 'Seed 001 D2 §2', { presented: presentedSeal.trim(), expected: doc.sealNumber }));
  if (!isIntact) out.push(reason('seal-not-intact', 'Seed 001 D2 §2'));
  if (action === 'seal-applied') {
    if (doc.activatedAt) out.push(reason('seal-already-applied', 'Seed 001 D2 §2', { at: doc.activatedAt }));
    // The seal goes on the escorted vehicle only.
    if (input.plate.trim() && !platesMatch(input.plate, doc.vehiclePlate)) out.push(reason('plate-mismatch', 'Seed 001 D2 §2', { plate: normalizePlate(input.plate) }));
    return out;
  }
  const v = verifyDocument({ document: doc, vehicle: { plate: input.plate }, checkpointId: input.checkpointId, direction: 'exit', nowMs: input.nowMs });
  for (const r of v.reasons) if (!out.some((x) => x.code === r.code)) out.push(r);
  return out;
}

/**
 * A transit-passage permit is for one passage (p.47-48): sold on entry, or marked once each way. A
 * second mark of a direction it already has is refused. The permit itself carries no marks, so they
 * are read from the journal.
 */
export function transitPassageReasons(entries: readonly Entry[], direction: 'entry' | 'exit'): DocumentReason[] {
  const same = [...entries].sort(byJournalOrder).find((e) => (direction === 'entry' ? e.event === 'entry-mark' || e.event === 'transit-sold' : e.event === 'exit-mark'));
  return same ? [reason('already-used', 'Seed 002 p.47-48', { at: same.occurredAt })] : [];
}

/** The transit-passage permit a desk sold, for the documents the centre's registry does not hold. */
export function soldPermitOf(entries: readonly Entry[]): Extract<RegistryDoc, { kind: 'kz-transit-passage' }> | null {
  return [...entries].sort(byJournalOrder).find((e) => e.event === 'transit-sold' && e.soldPermit)?.soldPermit ?? null;
}

/**
 * What the rules say about an entry now that the centre holds every desk's journal: the document as the
 * entries before this one left it, judged at the moment the officer decided. The centre calls this on
 * arrival; reasons where the desk saw none mean the desk decided on stale data.
 */
export function recheckEntry(doc: RegistryDoc | null, earlier: readonly Entry[], entry: Entry, ctx: { feeTables?: readonly FeeRateTable[] } = {}): DocumentReason[] {
  if (entry.event === 'export-exemption') return [];
  if (entry.event === 'transit-sold') {
    // One number is sold once, at any desk (the blank it is printed on is used up).
    const first = earlier.find((e) => e.event === 'transit-sold' && e.documentId === entry.documentId && e.id !== entry.id && byJournalOrder(e, entry) < 0);
    const sold = entry.soldPermit;
    if (!sold) return [reason('document-unknown', 'Seed 002 p.47-48', { number: entry.documentNumber })];
    const v = verifyDocument({ document: sold, vehicle: { plate: entry.vehiclePlate }, checkpointId: entry.checkpointId, direction: entry.direction, nowMs: Date.parse(entry.occurredAt) }).reasons;
    // The fee against the centre's tables: a desk offline since the rates changed charged the old ones.
    const fee = ctx.feeTables && sold.vehicleClass ? transitFee(ctx.feeTables, sold.ground, sold.vehicleClass, sold.fee.date) : null;
    if (fee && typeof fee === 'object' && Math.abs(fee.kzt - sold.fee.amountKzt) > 0.005) v.push(reason('fee-amount-mismatch', 'Seed 002 p.47-48, p.52.13', { expected: String(fee.kzt), paid: String(sold.fee.amountKzt) }));
    return first ? [reason('permit-number-used', 'Seed 002 p.52.11', { at: first.occurredAt }), ...v] : v;
  }
  if (!doc) return [reason('document-unknown', 'Seed 002 p.52', { number: entry.documentNumber })];
  const before = withJournal(doc, earlier.filter((e) => e.documentId === entry.documentId && e.id !== entry.id && byJournalOrder(e, entry) < 0));
  const nowMs = Date.parse(entry.occurredAt);
  const common = { vehicle: { plate: entry.vehiclePlate, trailerPlate: entry.trailerPlate || null }, checkpointId: entry.checkpointId, direction: entry.direction, nowMs };
  switch (entry.event) {
    case 'seal-applied':
    case 'seal-removed':
      if (before.kind !== 'seal-escort') return [reason('document-unknown', 'Seed 001 D2 §2', { number: entry.documentNumber })];
      return sealActionReasons(before, entry.event, entry.seal?.number ?? '', entry.seal?.isIntact ?? false, { plate: entry.vehiclePlate, checkpointId: entry.checkpointId, nowMs });
    case 'export-write-off': {
      // As the desk's form judges it: a line of another code is not covered; the permit's own are summed.
      const code = 'hsCode' in before ? before.hsCode : '';
      const other = entry.goods.find((g) => g.hsCode !== code);
      const total = entry.goods.filter((g) => g.hsCode === code).reduce((s, g) => s + g.quantity, 0);
      return verifyDocument({ ...common, document: before, declaredGoods: other ? { hsCode: other.hsCode, quantity: 0 } : { hsCode: code, quantity: total } }).reasons;
    }
    default: {
      const reasons = verifyDocument({ ...common, document: before }).reasons;
      if (before.kind !== 'kz-transit-passage') return reasons;
      const prior = earlier.filter((e) => e.documentId === entry.documentId && e.id !== entry.id && byJournalOrder(e, entry) < 0);
      return [...reasons, ...transitPassageReasons(prior, entry.direction)];
    }
  }
}

/** The local day an entry was recorded on, for the journal's search by date. */
export const entryDay = (e: Entry): string => kzDate(Date.parse(e.occurredAt));
