import { BehaviorSubject, filter, from, map, switchMap, type Observable } from 'rxjs';
import { blankEventDocBase, blankEventDocSchema, toBlankEvent, type BlankEventDoc } from '../../shared/documents/blank-event.ts';
import { ulid } from '../../shared/ids/ulid.ts';
import type { CheckpointId } from '../../shared/reference/checkpoints.ts';
import { nextStamp } from '../sync/desk-clock.ts';
import { createLedgerFold, type Ledger, type LedgerFold } from '../../shared/blanks/ledger.ts';
import type { DeskDatabase } from '../db/database.ts';

type DeskLedger = { fold: LedgerFold; ledger$: BehaviorSubject<Ledger> };

/**
 * One ledger per open replica, read from IndexedDB once and then kept up to date from the collection's
 * write events. A desk holds a year of blank events; reading and folding all of them on every action
 * grew with every shift.
 */
const deskLedgers = new WeakMap<DeskDatabase, Promise<DeskLedger>>();

function deskLedger(db: DeskDatabase): Promise<DeskLedger> {
  let pending = deskLedgers.get(db);
  if (!pending) {
    pending = (async () => {
      const fold = createLedgerFold();
      const ledger$ = new BehaviorSubject<Ledger>(fold.ledger());
      const publish = () => ledger$.next({ ...fold.ledger() }); // a new object, so React sees the change
      // Listen before the first read: a write landing in between is seen twice and counted once.
      db.blankEvents.eventBulks$
        .pipe(
          map((bulk) => bulk.events.filter((e) => e.operation === 'INSERT' && e.documentData).map((e) => toBlankEvent(e.documentData as BlankEventDoc))),
          filter((events) => events.length > 0),
        )
        .subscribe((events) => fold.add(events) && publish());
      const docs = await db.blankEvents.find().exec();
      fold.add(docs.map((d) => toBlankEvent(d.toJSON() as BlankEventDoc)));
      publish();
      return { fold, ledger$ };
    })();
    deskLedgers.set(db, pending);
  }
  return pending;
}

/** The blank ledger as this desk knows it, folded from every blank event in its replica. */
export async function readLedger(db: DeskDatabase): Promise<Ledger> {
  return (await deskLedger(db)).fold.ledger();
}

/** The ledger and the newest stamp in it, which the desk's next event must come after. */
export async function readLedgerWithLatest(db: DeskDatabase): Promise<{ ledger: Ledger; latestHlc: string | null }> {
  const { fold } = await deskLedger(db);
  return { ledger: fold.ledger(), latestHlc: fold.latestHlc() };
}

/** Folds an event this desk has just written, without waiting for its write event. */
export async function noteWritten(db: DeskDatabase, doc: BlankEventDoc): Promise<void> {
  const { fold, ledger$ } = await deskLedger(db);
  if (fold.add([toBlankEvent(doc)])) ledger$.next({ ...fold.ledger() });
}

export function ledger$(db: DeskDatabase): Observable<Ledger> {
  return from(deskLedger(db)).pipe(switchMap((d) => d.ledger$));
}

/**
 * Writes one blank event in this desk's name, stamped after everything the ledger holds, and folds it at
 * once. The record is validated before it is stored: a bad one is refused here, never pushed.
 */
export async function recordBlankEvent(ctx: { db: DeskDatabase; checkpointId: CheckpointId; deskId: string; by: string }, event: Partial<BlankEventDoc> & Pick<BlankEventDoc, 'type'>): Promise<BlankEventDoc> {
  const nowMs = Date.now();
  const { latestHlc } = await readLedgerWithLatest(ctx.db);
  const doc = blankEventDocSchema.parse({
    ...blankEventDocBase({ id: ulid(nowMs), hlc: nextStamp(ctx.deskId, nowMs, latestHlc), by: ctx.by.trim(), checkpointId: ctx.checkpointId, authorDeskId: ctx.deskId, occurredAt: new Date(nowMs).toISOString() }),
    ...event,
  });
  await ctx.db.blankEvents.insert(doc);
  await noteWritten(ctx.db, doc);
  return doc;
}
