import type { RxCollection } from 'rxdb';
import type { Observable, Subscription } from 'rxjs';
import type { CollectionName, ReplicationCheckpoint } from '../../shared/sync/replication.ts';
import type { CentralClient } from './central-client.ts';
import type { SyncProgress } from './sync-progress.ts';

export type PullOnlyReplication = { reSync(): void; stop(): Promise<void>; lastError(): string | null };

const CHECKPOINT_DOC = 'pull-checkpoint';

/**
 * Keeps a collection the desk only reads (the centre's permits) equal to the centre's, page by page
 * from a checkpoint kept beside the documents in IndexedDB. RxDB's replication protocol also keeps a
 * master-state copy and compares every pulled document against the fork for conflicts: needed for what a
 * desk writes, pure cost for what it never writes; it made the initial sync of 200,000 permits take
 * half again as long. Documents are upserted (the centre may change a permit, e.g. annul it); a page is
 * written before its checkpoint, so a crash in between pulls that page again, harmlessly.
 */
export function startPullOnly(opts: {
  collection: RxCollection<any>;
  name: CollectionName;
  client: CentralClient;
  /** Any emission (the centre's RESYNC on connect, a change notice) means: pull now. */
  stream$: Observable<unknown>;
  batchSize: number;
  retryMs: number;
  progress?: SyncProgress;
  onError?: (err: unknown) => void;
}): PullOnlyReplication {
  const { collection, name, client } = opts;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let lastError: string | null = null;

  async function readCheckpoint(): Promise<ReplicationCheckpoint | undefined> {
    const doc = await collection.getLocal<{ seq: number }>(CHECKPOINT_DOC);
    return doc ? { seq: doc.get('seq') as number } : undefined;
  }

  /**
   * While a full page is written, the next one is already on its way: with the network and IndexedDB
   * each busy half the time, a large initial sync otherwise waited for each in turn.
   */
  async function pullUntilCaughtUp(): Promise<void> {
    let checkpoint = await readCheckpoint();
    let page = client.pull<Record<string, unknown>>(name, checkpoint, opts.batchSize);
    for (;;) {
      const res = await page;
      if (stopped) return;
      const isFull = res.documents.length >= opts.batchSize;
      const next = res.checkpoint ?? checkpoint;
      if (isFull) {
        page = client.pull<Record<string, unknown>>(name, next, opts.batchSize);
        page.catch(() => undefined); // awaited on the next round; if this round fails it is dropped
      }
      if (res.documents.length > 0) {
        // The centre never deletes what a desk only reads; `_deleted` is the protocol's, not the document's.
        await collection.bulkUpsert(res.documents.map(({ _deleted, ...doc }) => doc));
      }
      if (res.documents.length > 0 || (res.remaining ?? 0) > 0) opts.progress?.record(name, res.documents.length, res.remaining ?? 0);
      if (next && next.seq !== checkpoint?.seq) await collection.upsertLocal(CHECKPOINT_DOC, { seq: next.seq });
      checkpoint = next;
      if (!isFull) return;
    }
  }

  function run(): void {
    if (stopped) return;
    if (running) {
      again = true; // a notice arrived mid-pull: go round once more when this pull ends
      return;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await pullUntilCaughtUp();
        } while (again && !stopped);
        lastError = null;
      } catch (err) {
        lastError = `${name}: ${err instanceof Error ? err.message : String(err)}`;
        opts.onError?.(err);
        if (!stopped) retryTimer = setTimeout(run, opts.retryMs);
      } finally {
        running = null;
      }
    })();
  }

  const subscription: Subscription = opts.stream$.subscribe(() => run());
  run();
  return {
    reSync: run,
    lastError: () => lastError,
    async stop() {
      stopped = true;
      subscription.unsubscribe();
      if (retryTimer) clearTimeout(retryTimer);
      await running;
    },
  };
}
