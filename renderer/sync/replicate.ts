import { setAuditChainReady } from '../audit/audit-log.ts';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import type { CollectionName, ReplicationCheckpoint } from '../../shared/sync/replication.ts';
import { startPullOnly, type PullOnlyReplication } from './pull-only.ts';
import type { DeskDatabase } from '../db/database.ts';
import type { CentralClient } from './central-client.ts';
import { openSharedSseStream } from './sse-stream.ts';
import type { SyncProgress } from './sync-progress.ts';

export type DeskReplication = {
  /** Pull and push everything now (after the link came back, or before a handover). */
  reSync(): void;
  /** The last replication error, for support and tests: RxDB retries on its own, this only tells why. */
  lastError(): string | null;
  stop(): Promise<void>;
};

/**
 * Replicates the desk's collections with the centre: permits and alerts are pulled only (pull-only.ts);
 * crossings and blank events are pushed and pulled with RxDB's protocol (other desks' crossings tell this desk a permit was used elsewhere; the centre's
 * blank events bring the desk its stack). Live, with
 * short retries: at a border the link drops often and comes back on its own.
 */
export function startDeskReplication(db: DeskDatabase, client: CentralClient, serverUrl: string, opts: { retryMs?: number; progress?: SyncProgress; onError?: (err: unknown) => void } = {}): DeskReplication {
  const retryMs = opts.retryMs ?? 2000;
  const streams: { close(): void }[] = [];
  let lastError: string | null = null;
  const states: RxReplicationState<any, ReplicationCheckpoint>[] = [];
  const pullOnly: PullOnlyReplication[] = [];
  const names = (['permits', 'alerts', 'documents', 'feeRates', 'users', 'crossings', 'blankEvents', 'shifts', 'journal', 'audit'] as const).filter((n) => db.collections[n]);
  const shared = openSharedSseStream(client.sharedStreamUrl, client.headers, names, {
    // A live desk makes no requests while idle; the stream is what notices the centre has gone.
    onDisconnect: () => client.status.markFailure('stream'),
    retryMs,
  });
  streams.push(shared);
  const openStream = (name: CollectionName) => ({ stream$: shared.streamFor(name) });

  // What the desk only reads: pulled page by page, without RxDB's conflict bookkeeping.
  for (const name of ['permits', 'alerts', 'documents', 'feeRates', 'users'] as const) {
    if (!db.collections[name]) continue; // a test desk opened with only some collections
    const sse = openStream(name);
    pullOnly.push(
      startPullOnly({
        collection: db[name],
        name,
        client,
        stream$: sse.stream$,
        batchSize: name === 'alerts' || name === 'feeRates' ? 500 : 2000,
        retryMs,
        ...(opts.progress ? { progress: opts.progress } : {}),
        onError: (err) => {
          lastError = `${name}: ${err instanceof Error ? err.message : String(err)}`;
          opts.onError?.(err);
        },
      }),
    );
  }

  for (const name of ['crossings', 'blankEvents', 'shifts', 'journal', 'audit'] as const) {
    if (!db.collections[name]) continue;
    const sse = openStream(name);
    const state = replicateRxCollection<any, ReplicationCheckpoint>({
      collection: db[name],
      replicationIdentifier: `shekara-${name}-${serverUrl}`,
      deletedField: '_deleted',
      live: true,
      retryTime: retryMs,
      waitForLeadership: false,
      // A kiosk window is often covered by other windows; replication must not pause then.
      toggleOnDocumentVisible: false,
      pull: {
        batchSize: 500,
        handler: async (checkpoint, batchSize) => {
          const res = await client.pull<any>(name, checkpoint, batchSize);
          if (res.documents.length > 0 || (res.remaining ?? 0) > 0) opts.progress?.record(name, res.documents.length, res.remaining ?? 0);
          return { documents: res.documents, checkpoint: res.checkpoint ?? checkpoint };
        },
        stream$: sse.stream$,
      },
      push: { batchSize: 200, handler: (rows) => client.push(name, rows as any) },
    });
    state.error$.subscribe((err) => {
      const cause = (err as { parameters?: { errors?: { message?: string }[] } }).parameters?.errors?.[0]?.message;
      lastError = `${name}: ${err.message}${cause ? ` (${cause})` : ''}`;
      opts.onError?.(err);
    });
    states.push(state);
    // Until the desk's own audit chain is back from the centre, new entries wait for it (audit-log.ts).
    if (name === 'audit') setAuditChainReady(db, state.awaitInitialReplication());
  }

  return {
    reSync() {
      for (const s of states) s.reSync();
      for (const p of pullOnly) p.reSync();
    },
    lastError: () => lastError,
    async stop() {
      for (const s of streams) s.close();
      await Promise.all([...states.map((s) => s.cancel()), ...pullOnly.map((p) => p.stop())]);
    },
  };
}
