import { BehaviorSubject } from 'rxjs';
import type { CollectionName } from '../../shared/sync/replication.ts';

export type CollectionProgress = { done: number; remaining: number; startedAt: number };

/**
 * How far the initial pull of each collection has come: documents received this session and how many
 * the centre says remain. The desk stays usable meanwhile; the bar only tells the officer how long.
 */
export function createSyncProgress(nowMs: () => number = Date.now) {
  const progress$ = new BehaviorSubject<Partial<Record<CollectionName, CollectionProgress>>>({});
  return {
    progress$,
    record(collection: CollectionName, received: number, remaining: number) {
      const prev = progress$.value[collection];
      const next: CollectionProgress = { done: (prev?.done ?? 0) + received, remaining, startedAt: prev?.startedAt ?? nowMs() };
      progress$.next({ ...progress$.value, [collection]: next });
    },
  };
}
export type SyncProgress = ReturnType<typeof createSyncProgress>;

/** Seconds left at the rate seen so far; null before there is a rate to go by. */
export function secondsLeft(p: CollectionProgress, nowMs: number): number | null {
  const elapsed = (nowMs - p.startedAt) / 1000;
  if (p.done === 0 || elapsed <= 0) return null;
  return Math.ceil(p.remaining / (p.done / elapsed));
}
