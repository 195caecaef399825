import { z } from 'zod';
import { normalizePlate } from '../rules/plate.ts';
import { presentedDocumentSchema, type PresentedDocument } from './presented-document.ts';

/**
 * Every document kind the desk looks up besides its own C-permits (which keep their collection and
 * indexes): the centre's registry of permits, licences and escorts, pulled to every desk.
 */
export const REGISTRY_KINDS = ['cn-permit', 'kz-domestic-permit', 'kz-transit-passage', 'export-permit-003', 'licence-004', 'seal-escort', 'permit-card', 'permit-certificate'] as const;
export type RegistryKind = (typeof REGISTRY_KINDS)[number];

/**
 * As replicated: the document itself under `document`, with the two keys the desk looks it up by. The
 * body is kept loose in storage (RxDB cannot index into a union) and parsed strictly when read, so a
 * malformed row from the centre is refused at the desk rather than believed.
 */
export const registryDocumentSchema = z.object({
  id: z.string().min(1).max(60),
  kind: z.enum(REGISTRY_KINDS),
  /** The number an officer scans or types, as documentKey() folds it. */
  number: z.string().min(1).max(64),
  /** The vehicle's plate, normalised; '' when the document names no vehicle. */
  plate: z.string().max(20),
  document: z.record(z.string(), z.unknown()),
});
export type RegistryDocument = z.infer<typeof registryDocumentSchema>;

const FOLD: Record<string, string> = { А: 'A', В: 'B', Е: 'E', Ё: 'E', З: 'Z', І: 'I', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', У: 'Y', Ү: 'Y' };

/**
 * Upper case, no spaces, Cyrillic look-alikes folded to Latin (and З to Z: "КЗ" is how a Cyrillic
 * keyboard types the KZ series), so a number typed on either layout finds what the centre stored.
 */
export function foldLookAlikes(raw: string): string {
  let out = '';
  for (const ch of raw.toUpperCase().replace(/[\s\u0000-\u001f]+/g, '')) out += FOLD[ch] ?? ch;
  return out;
}

/** The lookup key of a typed or scanned number. */
export function documentKey(raw: string): string {
  return foldLookAlikes(raw).slice(0, 64);
}

/** The number a document is presented by: series and number of a permit, the seal of an escort. */
export type RegistryPresented = Exclude<PresentedDocument, { kind: 'c-permit' }>;

export function presentedNumber(doc: RegistryPresented): string {
  switch (doc.kind) {
    case 'kz-domestic-permit':
      return `${doc.series}${doc.number}`;
    case 'seal-escort':
      return doc.sealNumber;
    case 'permit-card':
      return doc.cardNumber;
    default:
      return doc.number;
  }
}

function vehicleOf(doc: RegistryPresented): string {
  return 'vehiclePlate' in doc ? normalizePlate(doc.vehiclePlate).slice(0, 20) : '';
}

export function toRegistryDocument(id: string, doc: RegistryPresented): RegistryDocument {
  return { id, kind: doc.kind, number: documentKey(presentedNumber(doc)), plate: vehicleOf(doc), document: doc as unknown as Record<string, unknown> };
}

/** The document inside a registry row, or null when it is not one the rules can read. */
export function readRegistryDocument(row: Pick<RegistryDocument, 'kind' | 'document'>): RegistryPresented | null {
  const parsed = presentedDocumentSchema.safeParse(row.document);
  if (!parsed.success || parsed.data.kind === 'c-permit' || parsed.data.kind !== row.kind) return null;
  return parsed.data;
}
