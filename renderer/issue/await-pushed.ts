import type { DeskDatabase } from '../db/database.ts';

/**
 * Online, the blank's reservation and print are at the centre before it is handed over, so another
 * desk or the supervisor sees it at once. Offline this gives up after `timeoutMs`: an outage never
 * blocks a handover. Returns whether everything about the blank was acknowledged.
 */
export async function awaitPushed(db: DeskDatabase, number: string, timeoutMs: number, resync: () => void): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  resync();
  for (;;) {
    // receivedAt is indexed and few records wait; the number is checked here (RxDB counts only on indexes).
    const waiting = await db.blankEvents.find({ selector: { receivedAt: 0 } }).exec();
    if (!waiting.some((d) => d.number === number)) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}
