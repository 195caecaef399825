import type { CPermit } from '../../shared/documents/c-permit.ts';
import type { Crossing } from '../../shared/documents/crossing.ts';
import type { ScanKey } from '../../shared/rules/scan.ts';
import type { DeskDatabase } from './database.ts';

const FIELD_BY_KIND = { application: 'applicationNumber', addendum: 'addendumNumber', blank: 'blankNumber' } as const;

/** One indexed get: the scan's kind names the field, so a scan never scans the collection. */
export async function findPermit(db: DeskDatabase, key: ScanKey): Promise<CPermit | null> {
  const doc = await db.permits.findOne({ selector: { [FIELD_BY_KIND[key.kind]]: key.value } }).exec();
  return doc ? (doc.toJSON() as CPermit) : null;
}

export async function findCrossings(db: DeskDatabase, permitId: string): Promise<Crossing[]> {
  const docs = await db.crossings.find({ selector: { permitId } }).exec();
  return docs.map((d) => d.toJSON() as Crossing);
}
