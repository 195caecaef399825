import { EventEmitter } from 'node:events';
import type { CollectionName } from '../../shared/sync/replication.ts';

/** In-process notice that a collection got new rows, after commit; feeds the live streams. */
export function createChangeFeed() {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    notify: (collection: CollectionName) => emitter.emit(collection),
    subscribe(collection: CollectionName, listener: () => void): () => void {
      emitter.on(collection, listener);
      return () => emitter.off(collection, listener);
    },
  };
}

export type ChangeFeed = ReturnType<typeof createChangeFeed>;
