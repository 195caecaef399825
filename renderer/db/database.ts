import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase, type RxJsonSchema, type RxStorage } from 'rxdb';
import { RxDBQueryBuilderPlugin } from 'rxdb/plugins/query-builder';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
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
 * Opens the desk's local replica. One window per desk (the shell holds a single-instance lock), so no
 * leader election: with it, a hidden or hibernated tab could stop replication (rxdb#6810).
 */
export async function openDeskDatabase(name: string, storage: RxStorage<any, any> = getRxStorageDexie()): Promise<DeskDatabase> {
  const db = await createRxDatabase<DeskCollections>({ name, storage, multiInstance: false, eventReduce: true, closeDuplicates: true });
  await db.addCollections({
    permits: { schema: permitRxSchema as unknown as RxJsonSchema<CPermit> },
    crossings: { schema: crossingRxSchema as unknown as RxJsonSchema<Crossing> },
    blankEvents: { schema: blankEventRxSchema as unknown as RxJsonSchema<BlankEventDoc> },
    alerts: { schema: alertRxSchema as unknown as RxJsonSchema<Alert> },
  });
  return db;
}
