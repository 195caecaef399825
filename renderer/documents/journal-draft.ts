import type { JournalEvent } from '../../shared/documents/journal-entry.ts';
import type { RegistryPresented } from '../../shared/documents/registry-document.ts';
import { domesticPermitValidTo } from '../../shared/rules/verify-document.ts';
import type { Direction } from '../../shared/documents/crossing.ts';
import type { CheckpointId } from '../../shared/reference/checkpoints.ts';
import type { JournalDraft } from './record-journal.ts';

/** What the officer adds to a p.52 row beyond what the document says. */
export type JournalExtras = {
  carrierAddress: string;
  dispatchCountry: string;
  destinationCountry: string;
  route: string;
  vehicleMake: string;
  vehiclePlate: string;
  trailerPlate: string;
};

/** The p.52 fields a document fills by itself: carrier, permit type, validity, issue (fields 1-2, 9-11). */
export function documentJournalFields(doc: RegistryPresented): Pick<JournalDraft, 'carrierName' | 'carrierCountry' | 'permitType' | 'permitValidTo' | 'permitIssued'> & { route: string; vehiclePlate: string; trailerPlate: string } {
  switch (doc.kind) {
    case 'kz-domestic-permit':
      return { carrierName: doc.carrierName, carrierCountry: doc.issuingCountry, permitType: doc.category, permitValidTo: domesticPermitValidTo(doc), permitIssued: `${doc.year} ${doc.series} ${doc.number}`, route: doc.route, vehiclePlate: doc.vehiclePlate, trailerPlate: doc.trailerPlate ?? '' };
    case 'cn-permit':
      return { carrierName: doc.carrierName, carrierCountry: 'CN', permitType: `CN-${doc.permitType}`, permitValidTo: doc.validTo ?? `${doc.year}-12-31`, permitIssued: `${doc.year} ${doc.number}`, route: '', vehiclePlate: doc.vehiclePlate, trailerPlate: doc.trailerPlate ?? '' };
    case 'kz-transit-passage':
      return { carrierName: doc.carrierName, carrierCountry: doc.carrierCountry, permitType: `transit-passage/${doc.ground}`, permitValidTo: doc.validTo, permitIssued: `${doc.issuedAt.slice(0, 10)} ${doc.number}`, route: '', vehiclePlate: doc.vehiclePlate, trailerPlate: '' };
    case 'export-permit-003':
    case 'licence-004':
      // The applicant is the exporter, not a carrier: journal field 1 stays for the carrier.
      return { carrierName: '', carrierCountry: '', permitType: doc.kind, permitValidTo: doc.validTo, permitIssued: `${doc.signedAt} ${doc.number}`, route: '', vehiclePlate: '', trailerPlate: '' };
    case 'seal-escort':
      return { carrierName: '', carrierCountry: '', permitType: 'seal-escort', permitValidTo: '', permitIssued: doc.transitDeclarationNumber, route: `${doc.departureCustoms} — ${doc.destinationCustoms}`, vehiclePlate: doc.vehiclePlate, trailerPlate: '' };
    default:
      return { carrierName: '', carrierCountry: '', permitType: doc.kind, permitValidTo: '', permitIssued: '', route: '', vehiclePlate: '', trailerPlate: '' };
  }
}

/** A journal draft for an event on a registry document, everything not given left empty. */
export function draftFor(
  event: JournalEvent,
  doc: { id: string; kind: RegistryPresented['kind']; number: string; document: RegistryPresented },
  ctx: { direction: Direction; checkpointId: CheckpointId; deskId: string; officerName: string; reasons: string[] },
  extras: JournalExtras,
  rest: Partial<Pick<JournalDraft, 'exitDeadline' | 'goods' | 'declarationNumber' | 'seal' | 'exemption' | 'soldPermit'>> = {},
): JournalDraft {
  const own = documentJournalFields(doc.document);
  return {
    event,
    documentId: doc.id,
    documentKind: doc.kind,
    documentNumber: doc.number,
    direction: ctx.direction,
    checkpointId: ctx.checkpointId,
    deskId: ctx.deskId,
    officerName: ctx.officerName,
    carrierName: own.carrierName,
    carrierCountry: own.carrierCountry,
    carrierAddress: extras.carrierAddress.trim(),
    dispatchCountry: extras.dispatchCountry.trim().toUpperCase(),
    destinationCountry: extras.destinationCountry.trim().toUpperCase(),
    route: extras.route.trim(),
    vehicleMake: extras.vehicleMake.trim(),
    vehiclePlate: extras.vehiclePlate.trim(),
    trailerPlate: extras.trailerPlate.trim(),
    permitType: own.permitType,
    permitValidTo: own.permitValidTo,
    permitIssued: own.permitIssued,
    permitReceivedOn: '',
    feeDocument: null,
    carrierSigned: null,
    exitDeadline: rest.exitDeadline ?? '',
    goods: rest.goods ?? [],
    declarationNumber: rest.declarationNumber ?? '',
    exemption: rest.exemption ?? null,
    seal: rest.seal ?? null,
    soldPermit: rest.soldPermit ?? null,
    reasons: ctx.reasons,
  };
}
