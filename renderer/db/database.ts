import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase, type RxJsonSchema, type RxStorage } from 'rxdb';
import { RxDBQueryBuilderPlugin } from 'rxdb/plugins/query-builder';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { Dexie } from 'dexie';
import type { CPermit } from '../../shared/documents/c-permit.ts';
import type { Alert } from '../../shared/documents/alert.ts';
import type { BlankEventDoc } from '../../shared/documents/blank-event.ts';
import type { Crossing } from '../../shared/documents/crossing.ts';
import { alertRxSchema, blankEventRxSchema, crossingRxSchema, permitRxSchema } from './collections.ts';

addRxPlugin(RxDBQueryBuilderPlugin);

export type DeskCollections = {
  permits: RxCollection<CPermit>;
  crossings: RxCollection<Crossing>;
  blankEvents: RxCollection<BlankEventDoc>;
  alerts: RxCollection<Alert>;
};
export type DeskDatabase = RxDatabase<DeskCollections>;

/**
 * Chromium closes an IndexedDB connection when a write hits a full disk. RxDB opens its Dexie databases
 * with autoOpen off, so every later read or write would fail with "Database has been closed" until the
 * page reloads. With autoOpen on, Dexie reopens on the next operation once space is back; an explicit
 * close (RxDB closing the database) still turns it off, so nothing reopens behind RxDB's back.
 */
function reopenAfterForcedClose(dexie: Dexie): void {
  dexie._options.autoOpen = true;
}

/** The desk's storage: Dexie on IndexedDB, surviving a connection the browser closed on a full disk. */
export function deskStorage(): RxStorage<any, any> {
  return getRxStorageDexie({ onCreate: reopenAfterForcedClose });
}

/**
 * Opens the desk's local replica. One window per desk (the shell holds a single-instance lock), so no
 * leader election: with it, a hidden or hibernated tab could stop replication (rxdb#6810).
 */
export async function openDeskDatabase(name: string, storage: RxStorage<any, any> = deskStorage()): Promise<DeskDatabase> {
  const db = await createRxDatabase<DeskCollections>({ name, storage, multiInstance: false, eventReduce: true, closeDuplicates: true });
  await db.addCollections({
    permits: { schema: permitRxSchema as unknown as RxJsonSchema<CPermit> },
    crossings: { schema: crossingRxSchema as unknown as RxJsonSchema<Crossing> },
    blankEvents: { schema: blankEventRxSchema as unknown as RxJsonSchema<BlankEventDoc> },
    alerts: { schema: alertRxSchema as unknown as RxJsonSchema<Alert> },
  });
  return db;
}
