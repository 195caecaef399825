import { EventEmitter } from 'node:events';
import { isCollectionName, type CollectionName } from '../../shared/sync/replication.ts';
import type { Db } from '../db/db.ts';

const CHANNEL = 'shekara_changes';

/**
 * Notice that a collection got new rows, after commit; feeds the live streams. On PostgreSQL it goes
 * through NOTIFY, so a desk streaming from one server instance hears about a push another instance took.
 */
export function createChangeFeed(db?: Db) {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const emit = (collection: string) => {
    if (isCollectionName(collection)) emitter.emit(collection);
  };
  const listening = db?.listen ? db.listen(CHANNEL, emit) : null;
  // A failed LISTEN must not take the server down: streams then hear only this instance's writes.
  listening?.catch(() => undefined);
  return {
    /** Resolves once cross-instance notices are being heard (at once without PostgreSQL). */
    ready: async () => {
      await listening;
    },
    async notify(collection: CollectionName) {
      if (listening && db) {
        try {
          await db.query('SELECT pg_notify($1, $2)', [CHANNEL, collection]);
          return;
        } catch {
          // fall through: at least this instance's streams hear it
        }
      }
      emitter.emit(collection);
    },
    subscribe(collection: CollectionName, listener: () => void): () => void {
      emitter.on(collection, listener);
      return () => emitter.off(collection, listener);
    },
    async close() {
      const unlisten = await listening?.catch(() => null);
      await unlisten?.();
    },
  };
}

export type ChangeFeed = ReturnType<typeof createChangeFeed>;
