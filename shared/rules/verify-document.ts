import type { Crossing, Direction } from '../documents/crossing.ts';
import type { ChinaPermit } from '../documents/china-permit.ts';
import type { PermitMark } from '../documents/common.ts';
import type { DomesticPermit } from '../documents/domestic-permit.ts';
import type { PermitCard, PermitCertificate, PresentedPermitCard, PresentedPermitCertificate } from '../documents/permit-card.ts';
import type { PresentedDocument } from '../documents/presented-document.ts';
import type { SealEscort } from '../documents/seal-escort.ts';
import { remainingQuantity, type ExportPermit, type Licence } from '../documents/trade-permit.ts';
import type { TransitPassagePermit } from '../documents/transit-passage-permit.ts';
import type { CheckpointId } from '../reference/checkpoints.ts';
import { isCisMember } from '../reference/cis.ts';
import { findListedGood } from '../reference/hs-codes.ts';
import type { PilotWindow } from '../reference/pilot-window.ts';
import { addDays, kzDate } from './local-date.ts';
import { makesMatch } from './make.ts';
import { normalizePlate, platesMatch } from './plate.ts';
import { verifyCPermit } from './verdict.ts';

/** Why a document does not let this vehicle cross, each with the paragraph it comes from. */
export type DocumentReason = { code: string; paragraph: string; params?: Record<string, string> };
export type DocumentVerdict = { isAllowed: boolean; reasons: DocumentReason[] };

export type VerifyDocumentInput = {
  document: PresentedDocument;
  /** The vehicle at the desk as the officer entered it; an empty plate or an absent make is not checked. */
  vehicle: { plate: string; trailerPlate?: string | null; make?: string };
  checkpointId: CheckpointId;
  direction: Direction;
  nowMs: number;
  /** Crossings already recorded for a C-permit. */
  crossings?: readonly Crossing[];
  /** The carrier's permit card, when the document requires the vehicle to be on it. */
  permitCard?: PermitCard | null;
  pilotWindow?: PilotWindow | null;
  /** Goods declared on this vehicle, for permits and licences (CN FEA code and quantity in the document's unit). */
  declaredGoods?: { hsCode: string; quantity: number } | null;
  /** The vehicle carries goods to or from a third country (transit-passage permits forbid it, p.47). */
  carriesThirdCountryGoods?: boolean;
  /** The carrier's permit certificate, when the document requires one (seed 000 Rules §8(1)). */
  permitCertificate?: PermitCertificate | null;
  /**
   * Where the cargo was loaded and is to be unloaded (ISO alpha-2), for the carriage rules of domestic
   * permits (seed 002 p.44-46, p.52). `hasTransshipmentDocuments`: CMR, invoice, bill of lading or other
   * commercial papers show third-country cargo reached the registration state by another mode (p.46-1).
   */
  cargo?: { loadingCountry: string; unloadingCountry: string; hasTransshipmentDocuments?: boolean } | null;
  /** How far from the state border the vehicle is bound, for China B and C permits (seed 002 p.43). */
  destinationKmFromBorder?: number;
};

const reason = (code: string, paragraph: string, params?: Record<string, string>): DocumentReason => (params ? { code, paragraph, params } : { code, paragraph });

/** A presented plate is this vehicle or its trailer; an absent plate is not checked. */
function plateReasons(presented: string, plates: (string | null | undefined)[], paragraph: string): DocumentReason[] {
  if (!presented.trim()) return [];
  return plates.some((p) => p && platesMatch(p, presented)) ? [] : [reason('plate-mismatch', paragraph, { plate: normalizePlate(presented) })];
}

/** A presented trailer must be the document's trailer when the document names one (the text is silent otherwise). */
function trailerReasons(presented: string | null | undefined, trailer: string | null | undefined, paragraph: string): DocumentReason[] {
  if (!presented?.trim() || !trailer) return [];
  return platesMatch(trailer, presented) ? [] : [reason('trailer-mismatch', paragraph, { plate: normalizePlate(presented), expected: trailer })];
}

/** One trip out and back: a second mark of the same direction, or any use after both, is refused. */
function tripReasons(marks: readonly PermitMark[], direction: Direction, paragraph: string): DocumentReason[] {
  const same = marks.filter((m) => m.type === direction);
  const isRoundTripDone = marks.some((m) => m.type === 'entry') && marks.some((m) => m.type === 'exit');
  return same.length > 0 || isRoundTripDone ? [reason('already-used', paragraph, { at: same[0]?.at ?? marks.at(-1)!.at })] : [];
}

function chinaPermit(d: ChinaPermit, input: VerifyDocumentInput, today: string): DocumentReason[] {
  const out: DocumentReason[] = [];
  if (d.status === 'annulled') out.push(reason('annulled', 'Seed 002 p.6'));
  const validTo = d.validTo ?? `${d.year}-12-31`;
  if (today > validTo) out.push(reason('expired', 'Seed 002 p.6', { validTo }));
  if (d.permitType !== 'A') out.push(...tripReasons(d.marks, input.direction, 'Seed 002 p.6'));
  // B and C take a Chinese vehicle only as far as the near-border terminals within 75 km (p.43).
  const km = input.destinationKmFromBorder;
  if (d.permitType !== 'A' && input.direction === 'entry' && km !== undefined && km > 75) out.push(reason('beyond-border-zone', 'Seed 002 p.43', { km: String(km), limitKm: '75' }));
  // Marked on entry here, a B or C permit leaves by the exit deadline of that mark, at most 30 days (p.50).
  const entry = d.marks.find((m) => m.type === 'entry');
  if (d.permitType !== 'A' && input.direction === 'exit' && entry) {
    const limit = addDays(kzDate(Date.parse(entry.at)), 30);
    const deadline = entry.exitDeadline && entry.exitDeadline < limit ? entry.exitDeadline : limit;
    if (today > deadline) out.push(reason('exit-deadline-passed', 'Seed 002 p.50', { deadline }));
  }
  out.push(...plateReasons(input.vehicle.plate, [d.vehiclePlate, d.trailerPlate], 'Seed 002 p.50, p.52'));
  out.push(...trailerReasons(input.vehicle.trailerPlate, d.trailerPlate, 'Seed 002 p.52'));
  return out;
}

/** The end of a domestic permit's validity: 31 January of the year after its exchange year, unless the agreement says otherwise (p.42). */
export function domesticPermitValidTo(d: DomesticPermit): string {
  return d.agreementValidTo ?? `${d.year + 1}-01-31`;
}

function domesticPermit(d: DomesticPermit, input: VerifyDocumentInput, today: string): DocumentReason[] {
  const out: DocumentReason[] = [];
  if (d.status === 'annulled') out.push(reason('annulled', 'Seed 002 p.42'));
  const validTo = domesticPermitValidTo(d);
  if (today > validTo) out.push(reason('expired', 'Seed 002 p.42', { validTo }));
  out.push(...tripReasons(d.marks, input.direction, 'Seed 002 p.43'));
  const entry = d.marks.find((m) => m.type === 'entry');
  if (input.direction === 'exit' && d.category !== 'transit') {
    if (!entry) out.push(reason('missing-mark', 'Seed 002 p.50'));
    else {
      if (!entry.exitDeadline) out.push(reason('mark-incomplete', 'Seed 002 p.50', { missing: 'exitDeadline' }));
      // The deadline written at entry, and never more than 30 calendar days after it (p.50).
      const limit = addDays(kzDate(Date.parse(entry.at)), 30);
      const deadline = entry.exitDeadline && entry.exitDeadline < limit ? entry.exitDeadline : limit;
      if (today > deadline) out.push(reason('exit-deadline-passed', 'Seed 002 p.50', { deadline }));
    }
  }
  if (input.cargo) out.push(...carriageReasons(d, input.cargo));
  out.push(...plateReasons(input.vehicle.plate, [d.vehiclePlate, d.trailerPlate], 'Seed 002 p.50'));
  out.push(...trailerReasons(input.vehicle.trailerPlate, d.trailerPlate, 'Seed 002 p.52'));
  return out;
}

const THIRD_COUNTRY_CATEGORIES: readonly DomesticPermit['category'][] = ['third-country', 'additional-third-country'];

/**
 * Whether the carriage is one this permit covers. Between two points in Kazakhstan: never, unless the
 * agreement allows it (p.52). Between two states neither of which registered the vehicle: only on a
 * third-country permit (p.46), unless p.46-1's transshipment papers cover cargo bound for Kazakhstan. A
 * vehicle back from a transit run that loads in Kazakhstan needs an additional permit, for a third
 * country an additional third-country one (p.44); plain backhaul to the registration state is covered
 * by a bilateral permit (p.43).
 */
export function carriageReasons(d: DomesticPermit, cargo: NonNullable<VerifyDocumentInput['cargo']>): DocumentReason[] {
  const from = cargo.loadingCountry.toUpperCase();
  const to = cargo.unloadingCountry.toUpperCase();
  const home = d.issuingCountry;
  if (from === 'KZ' && to === 'KZ') return d.agreementAllowsCabotage ? [] : [reason('cabotage-not-permitted', 'Seed 002 p.52')];
  const isThirdCountry = from !== home && to !== home && !(to === 'KZ' && cargo.hasTransshipmentDocuments === true);
  if (d.category === 'transit' && from === 'KZ') {
    return [reason('additional-permit-required', 'Seed 002 p.44', { permit: isThirdCountry ? 'additional-third-country' : 'additional' })];
  }
  if (isThirdCountry && !THIRD_COUNTRY_CATEGORIES.includes(d.category)) {
    return [reason('third-country-permit-required', from === 'KZ' ? 'Seed 002 p.44-45' : 'Seed 002 p.46', { from, to })];
  }
  return [];
}

function transitPassage(d: TransitPassagePermit, input: VerifyDocumentInput, today: string): DocumentReason[] {
  const out: DocumentReason[] = [];
  if (!d.fee.documentNumber.trim() || d.fee.amountKzt <= 0) out.push(reason('fee-not-paid', d.ground === 'unregistered-vehicle' ? 'Seed 002 p.47' : 'Seed 002 p.48'));
  if (today > d.validTo) out.push(reason('expired', 'Seed 002 p.47-48', { validTo: d.validTo }));
  if (d.ground === 'unregistered-vehicle' && (input.carriesThirdCountryGoods || (input.cargo && isThirdCountryToOrFromKz(input.cargo, d.carrierCountry)))) {
    out.push(reason('third-country-cargo-forbidden', 'Seed 002 p.47'));
  }
  if (!d.carrierSigned) out.push(reason('missing-signature', 'Seed 002 p.52.14'));
  out.push(...plateReasons(input.vehicle.plate, [d.vehiclePlate], 'Seed 002 p.47'));
  return out;
}

/** Cargo between Kazakhstan and a state other than the carrier's (p.47 part 2 forbids it to unregistered transit vehicles). */
function isThirdCountryToOrFromKz(cargo: NonNullable<VerifyDocumentInput['cargo']>, home: string): boolean {
  const from = cargo.loadingCountry.toUpperCase();
  const to = cargo.unloadingCountry.toUpperCase();
  return (from === 'KZ' && to !== home && to !== 'KZ') || (to === 'KZ' && from !== home && from !== 'KZ');
}

function tradeDocument(d: ExportPermit | Licence, input: VerifyDocumentInput, today: string, para: { status: string; validity: string; goods: string }): DocumentReason[] {
  const out: DocumentReason[] = [];
  if (d.status !== 'active') out.push(reason(d.status, para.status));
  if (today < d.validFrom) out.push(reason('not-yet-valid', para.validity, { validFrom: d.validFrom }));
  if (today > d.validTo) out.push(reason('expired', para.validity, { validTo: d.validTo }));
  const goods = input.declaredGoods;
  if (goods) {
    // All ten digits: one 8-digit subheading can belong to different permits by its 10th digit.
    if (goods.hsCode.replace(/\s/g, '') !== d.hsCode) out.push(reason('hs-code-not-covered', para.goods, { declared: goods.hsCode, permitted: d.hsCode }));
    const left = remainingQuantity(d);
    // Quantities are decimals summed in floating point (0.1 + 0.2): a hair over what is left is not over.
    if (goods.quantity - left > 1e-9 * Math.max(1, d.quantity)) out.push(reason('quantity-exceeded', para.goods, { declared: String(goods.quantity), left: String(left), unit: d.unit }));
  }
  return out;
}

function exportPermit(d: ExportPermit, input: VerifyDocumentInput, today: string): DocumentReason[] {
  const out = tradeDocument(d, input, today, { status: 'Seed 003 R p.14-15', validity: 'Seed 003 R p.10', goods: 'Seed 003 R-An3 boxes 13-15' });
  const yearEnd = `${d.signedAt.slice(0, 4)}-12-31`;
  if (today > yearEnd && today <= d.validTo) out.push(reason('expired', 'Seed 003 R p.10', { validTo: yearEnd }));
  if (input.direction !== 'exit') out.push(reason('wrong-direction', 'Seed 003 O p.1'));
  if (!isCisMember(d.destinationCountry)) out.push(reason('destination-not-cis', 'Seed 003 O p.1', { country: d.destinationCountry }));
  if (d.checkpointId && d.checkpointId !== input.checkpointId) out.push(reason('wrong-checkpoint', 'Seed 003 R-An1 row 8(7)', { expected: d.checkpointId }));
  if (!findListedGood(d.hsCode)) out.push(reason('hs-code-not-listed', 'Seed 003 Annexes 1-3', { hsCode: d.hsCode }));
  return out;
}

function licence(d: Licence, input: VerifyDocumentInput, today: string): DocumentReason[] {
  const out = tradeDocument(d, input, today, { status: 'Seed 004 LR', validity: 'Seed 004 LR-A5/A6 box 2', goods: 'Seed 004 LR-A5/A6 boxes 13-15' });
  if ((d.direction === 'export') !== (input.direction === 'exit')) out.push(reason('wrong-direction', 'Seed 004 LR-A5/A6 box 3', { licence: d.direction }));
  return out;
}

function sealEscort(d: SealEscort, input: VerifyDocumentInput): DocumentReason[] {
  const out: DocumentReason[] = [];
  if (!d.activatedAt || d.deactivatedAt) out.push(reason('seal-not-active', 'Seed 001 D2 §2'));
  if (!d.isSealIntact) out.push(reason('seal-not-intact', 'Seed 001 D2 §2'));
  const organiseBy = Date.parse(d.decisionAt) + 24 * 3_600_000;
  if (!d.organisedAt ? input.nowMs > organiseBy : Date.parse(d.organisedAt) > organiseBy) out.push(reason('escort-late', 'Seed 001 D2 §5'));
  for (const i of d.incidents) {
    const notifyBy = Date.parse(i.at) + 3_600_000;
    if (i.notifiedAt ? Date.parse(i.notifiedAt) > notifyBy : input.nowMs > notifyBy) out.push(reason('incident-not-notified', 'Seed 001 D2 §11', { at: i.at }));
  }
  out.push(...plateReasons(input.vehicle.plate, [d.vehiclePlate], 'Seed 001 D2 §2'));
  return out;
}

/**
 * The vehicle must be on the carrier's permit card, with its tachograph check and inspection current
 * (seed 000 Rules §8), and its make must be the card's (Rules §17) when both are known.
 */
export function permitCardReasons(card: PermitCard, plate: string, today: string, make?: string): DocumentReason[] {
  const v = card.vehicles.find((x) => platesMatch(x.plate, plate));
  if (!v) return [reason('vehicle-not-on-card', 'Seed 000 Rules §8, §17', { plate: normalizePlate(plate) })];
  const out: DocumentReason[] = [];
  if (make?.trim() && v.make && !makesMatch(v.make, make)) out.push(reason('make-mismatch', 'Seed 000 Rules §17', { make: make.trim(), expected: v.make }));
  if (today > v.tachographValidTo) out.push(reason('tachograph-check-lapsed', 'Seed 000 Rules §8', { validTo: v.tachographValidTo }));
  if (today > v.inspectionValidTo) out.push(reason('inspection-lapsed', 'Seed 000 Rules §8', { validTo: v.inspectionValidTo }));
  return out;
}

/** A permit certificate in force: not suspended or revoked, and within its validity (seed 000 Rules §2(2), §8(1)). */
export function permitCertificateReasons(c: PermitCertificate, today: string): DocumentReason[] {
  const out: DocumentReason[] = [];
  if (c.status !== 'valid') out.push(reason(`permit-certificate-${c.status}`, 'Seed 000 Rules §8(1)', { number: c.number }));
  if (today > c.validTo) out.push(reason('permit-certificate-expired', 'Seed 000 Rules §8(1)', { number: c.number, validTo: c.validTo }));
  return out;
}

/** A permit card shown on its own: the vehicle at the desk is on it and may be used (an empty plate is not checked). */
function presentedPermitCard(d: PresentedPermitCard, input: VerifyDocumentInput, today: string): DocumentReason[] {
  return input.vehicle.plate.trim() ? permitCardReasons(d, input.vehicle.plate, today, input.vehicle.make) : [];
}

function presentedPermitCertificate(d: PresentedPermitCertificate, today: string): DocumentReason[] {
  return permitCertificateReasons(d, today);
}

/**
 * The verdict on any presented document: allowed, or refused with every reason that applies. The
 * C-permit keeps its own rules (verdict.ts), which the desk's Verify screen also uses directly.
 */
export function verifyDocument(input: VerifyDocumentInput): DocumentVerdict {
  const today = kzDate(input.nowMs);
  const d = input.document;
  let reasons: DocumentReason[];
  switch (d.kind) {
    case 'c-permit':
      reasons = [
        ...verifyCPermit({ permit: d, crossings: input.crossings ?? [], checkpointId: input.checkpointId, direction: input.direction, presentedPlate: input.vehicle.plate, nowMs: input.nowMs, ...(input.pilotWindow !== undefined ? { pilotWindow: input.pilotWindow } : {}) }).reasons,
        ...trailerReasons(input.vehicle.trailerPlate, d.trailer?.plate, 'Seed 000 Annex 1 item 6; Annex 3 item 3'),
      ];
      break;
    case 'cn-permit':
      reasons = chinaPermit(d, input, today);
      break;
    case 'kz-domestic-permit':
      reasons = domesticPermit(d, input, today);
      break;
    case 'kz-transit-passage':
      reasons = transitPassage(d, input, today);
      break;
    case 'export-permit-003':
      reasons = exportPermit(d, input, today);
      break;
    case 'licence-004':
      reasons = licence(d, input, today);
      break;
    case 'seal-escort':
      reasons = sealEscort(d, input);
      break;
    case 'permit-card':
      reasons = presentedPermitCard(d, input, today);
      break;
    case 'permit-certificate':
      reasons = presentedPermitCertificate(d, today);
      break;
  }
  const extra = [
    ...(input.permitCard && d.kind !== 'permit-card' && input.vehicle.plate.trim() ? permitCardReasons(input.permitCard, input.vehicle.plate, today, input.vehicle.make) : []),
    ...(input.permitCertificate && d.kind !== 'permit-certificate' ? permitCertificateReasons(input.permitCertificate, today) : []),
  ];
  reasons = [...reasons, ...extra.filter((r) => !reasons.some((x) => x.code === r.code))];
  return { isAllowed: reasons.length === 0, reasons };
}
