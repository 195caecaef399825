import { map, type Observable } from 'rxjs';
import { toBlankEvent, type BlankEventDoc } from '../../shared/documents/blank-event.ts';
import { foldLedger, type Ledger } from '../../shared/blanks/ledger.ts';
import type { DeskDatabase } from '../db/database.ts';

/** The blank ledger as this desk knows it, folded from every blank event in its replica. */
export async function readLedger(db: DeskDatabase): Promise<Ledger> {
  const docs = await db.blankEvents.find().exec();
  return foldLedger(docs.map((d) => toBlankEvent(d.toJSON() as BlankEventDoc)));
}

export function ledger$(db: DeskDatabase): Observable<Ledger> {
  return db.blankEvents.find().$.pipe(map((docs) => foldLedger(docs.map((d) => toBlankEvent(d.toJSON() as BlankEventDoc)))));
}
