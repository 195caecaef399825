import { map, type Observable } from 'rxjs';
import { toBlankEvent, type BlankEventDoc } from '../../shared/documents/blank-event.ts';
import { foldLedger, type Ledger } from '../../shared/blanks/ledger.ts';
import type { DeskDatabase } from '../db/database.ts';

/** The blank ledger as this desk knows it, folded from every blank event in its replica. */
export async function readLedger(db: DeskDatabase): Promise<Ledger> {
  return (await readLedgerWithLatest(db)).ledger;
}

/** The ledger and the newest stamp in it, which the desk's next event must come after. */
export async function readLedgerWithLatest(db: DeskDatabase): Promise<{ ledger: Ledger; latestHlc: string | null }> {
  const events = (await db.blankEvents.find().exec()).map((d) => toBlankEvent(d.toJSON() as BlankEventDoc));
  const latestHlc = events.reduce<string | null>((max, e) => (max === null || e.hlc > max ? e.hlc : max), null);
  return { ledger: foldLedger(events), latestHlc };
}

export function ledger$(db: DeskDatabase): Observable<Ledger> {
  return db.blankEvents.find().$.pipe(map((docs) => foldLedger(docs.map((d) => toBlankEvent(d.toJSON() as BlankEventDoc)))));
}
