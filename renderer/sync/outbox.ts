import { combineLatest, map, type Observable } from 'rxjs';
import type { DeskDatabase } from '../db/database.ts';

/** The collections whose records this desk makes and pushes; the centre stamps receivedAt when it stores one. */
const PUSHED = ['crossings', 'blankEvents', 'shifts', 'journal'] as const;

/** The pushed collections this desk opened (a test desk may open only some). */
const pushed = (db: DeskDatabase) => PUSHED.filter((name) => db.collections[name]);

/** How many records made here the centre has not acknowledged yet. */
export function outboxCount$(db: DeskDatabase): Observable<number> {
  return combineLatest(pushed(db).map((name) => db[name].count({ selector: { receivedAt: 0 } }).$)).pipe(map((counts) => counts.reduce((a, b) => a + b, 0)));
}

/** When the oldest record still waiting was made (ms), or null when nothing waits. */
export function oldestWaiting$(db: DeskDatabase): Observable<number | null> {
  return combineLatest(pushed(db).map((name) => db[name].find({ selector: { receivedAt: 0 } }).$)).pipe(
    map((lists) => lists.flat().map((d) => Date.parse((d as unknown as { occurredAt: string }).occurredAt)).reduce<number | null>((min, x) => (min === null || x < min ? x : min), null)),
  );
}
