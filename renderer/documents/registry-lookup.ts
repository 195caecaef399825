import type { JournalEntry } from '../../shared/documents/journal-entry.ts';
import { documentKey, readRegistryDocument, type RegistryDocument, type RegistryPresented } from '../../shared/documents/registry-document.ts';
import { normalizePlate } from '../../shared/rules/plate.ts';
import { soldPermitOf } from '../../shared/rules/apply-journal.ts';
import type { DeskDatabase } from '../db/database.ts';

export type RegistryHit = { row: RegistryDocument; document: RegistryPresented | null };

/** One indexed get by the number as scanned or typed; null when the registry does not hold it. */
export async function findRegistryDocument(db: DeskDatabase, raw: string): Promise<RegistryHit | null> {
  const key = documentKey(raw.trim());
  if (!key) return null;
  const found = await db.documents.findOne({ selector: { number: key } }).exec();
  if (!found) return findSoldPermit(db, key);
  const row = found.toJSON() as RegistryDocument;
  return { row, document: readRegistryDocument(row) };
}

/** Every journal entry on a document, at any desk, in journal order. */
export async function journalOf(db: DeskDatabase, documentId: string): Promise<JournalEntry[]> {
  const docs = await db.journal.find({ selector: { documentId }, sort: [{ hlc: 'asc' }] }).exec();
  return docs.map((d) => d.toJSON() as JournalEntry);
}

/** The vehicle's latest journal entries, newest first: what it did at the border recently. */
export async function vehicleHistory(db: DeskDatabase, plate: string, limit = 10): Promise<JournalEntry[]> {
  const key = normalizePlate(plate);
  if (!key) return [];
  const docs = await db.journal.find({ selector: { vehiclePlate: key }, sort: [{ hlc: 'desc' }], limit }).exec();
  return docs.map((d) => d.toJSON() as JournalEntry);
}

/** The journal's id of a transit-passage permit sold at a checkpoint: the registry never holds those. */
export const soldPermitId = (key: string) => `tp-${key}`;

/** A transit-passage permit sold at any checkpoint, found by its number through the journal. */
async function findSoldPermit(db: DeskDatabase, key: string): Promise<RegistryHit | null> {
  const entries = await journalOf(db, soldPermitId(key));
  const permit = soldPermitOf(entries);
  if (!permit) return null;
  return { row: { id: soldPermitId(key), kind: 'kz-transit-passage', number: key, plate: normalizePlate(permit.vehiclePlate), document: permit as unknown as Record<string, unknown> }, document: permit };
}
