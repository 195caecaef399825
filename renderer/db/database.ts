import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase, type RxJsonSchema, type RxStorage } from 'rxdb';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { RxDBQueryBuilderPlugin } from 'rxdb/plugins/query-builder';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { Dexie } from 'dexie';
import type { CPermit } from '../../shared/documents/c-permit.ts';
import type { Alert } from '../../shared/documents/alert.ts';
import type { AuditEntry } from '../../shared/audit/audit-entry.ts';
import type { BlankEventDoc } from '../../shared/documents/blank-event.ts';
import type { Crossing } from '../../shared/documents/crossing.ts';
import type { FeeRateTable } from '../../shared/documents/fee-rates.ts';
import type { JournalEntry } from '../../shared/documents/journal-entry.ts';
import type { RegistryDocument } from '../../shared/documents/registry-document.ts';
import type { ShiftEvent } from '../../shared/documents/shift.ts';
import { alertRxSchema, auditRxSchema, blankEventRxSchema, crossingRxSchema, feeRatesRxSchema, journalRxSchema, permitRxSchema, registryRxSchema, shiftRxSchema, usersRxSchema } from './collections.ts';
import type { User } from '../../shared/users/user.ts';

addRxPlugin(RxDBQueryBuilderPlugin);
addRxPlugin(RxDBLocalDocumentsPlugin); // the pull checkpoint of read-only collections, kept beside their documents
addRxPlugin(RxDBMigrationSchemaPlugin); // a desk's replica outlives the app version that made it

export type DeskCollections = {
  permits: RxCollection<CPermit>;
  crossings: RxCollection<Crossing>;
  blankEvents: RxCollection<BlankEventDoc>;
  shifts: RxCollection<ShiftEvent>;
  alerts: RxCollection<Alert>;
  documents: RxCollection<RegistryDocument>;
  feeRates: RxCollection<FeeRateTable>;
  users: RxCollection<User>;
  journal: RxCollection<JournalEntry>;
  audit: RxCollection<AuditEntry>;
};
export type DeskCollectionName = keyof DeskCollections;
export type DeskDatabase = RxDatabase<DeskCollections>;

/**
 * How the desk's Dexie databases behave, set as RxDB creates each one:
 * - autoOpen on: Chromium closes an IndexedDB connection when a write hits a full disk, and RxDB opens
 *   Dexie with autoOpen off, so every later read or write would fail with "Database has been closed".
 *   RxDB's own close (no options) still turns autoOpen off, so nothing reopens behind its back. A
 *   connection that fails to reopen keeps failing until the page lets go of it: the desk restarts its
 *   page once the disk has room again (start-desk.ts).
 * - relaxed durability for permits and registry documents only: they are the centre's and can always be pulled again, so
 *   their writes need not wait for the disk flush. Everything an officer records commits durably.
 */
function configureDexie(dexie: Dexie, name: string): void {
  dexie._options.autoOpen = true;
  if (name.endsWith('--permits') || name.endsWith('--documents')) dexie._options.chromeTransactionDurability = 'relaxed';
}

/** The desk's storage: Dexie on IndexedDB, surviving a connection the browser closed on a full disk. */
export function deskStorage(): RxStorage<any, any> {
  return getRxStorageDexie({ onCreate: configureDexie });
}

/**
 * Opens the desk's local replica. One window per desk (the shell holds a single-instance lock), so no
 * leader election: with it, a hidden or hibernated tab could stop replication (rxdb#6810).
 * `only` is for tests that run several desks in one process: RxDB's open-source build refuses more than
 * 13 open collections per JavaScript realm (COL23), and a desk has eleven; such a test opens the ones it
 * exercises, and replication skips the rest.
 */
export async function openDeskDatabase(name: string, storage: RxStorage<any, any> = deskStorage(), opts: { only?: readonly DeskCollectionName[] } = {}): Promise<DeskDatabase> {
  const db = await createRxDatabase<DeskCollections>({ name, storage, multiInstance: false, eventReduce: true, closeDuplicates: true });
  const all = {
    permits: { schema: permitRxSchema as unknown as RxJsonSchema<CPermit>, localDocuments: true },
    crossings: { schema: crossingRxSchema as unknown as RxJsonSchema<Crossing> },
    blankEvents: { schema: blankEventRxSchema as unknown as RxJsonSchema<BlankEventDoc> },
    shifts: { schema: shiftRxSchema as unknown as RxJsonSchema<ShiftEvent> },
    alerts: { schema: alertRxSchema as unknown as RxJsonSchema<Alert>, localDocuments: true, migrationStrategies: { 1: (old: Alert) => old, 2: (old: Alert) => old } },
    documents: { schema: registryRxSchema as unknown as RxJsonSchema<RegistryDocument>, localDocuments: true },
    feeRates: { schema: feeRatesRxSchema as unknown as RxJsonSchema<FeeRateTable>, localDocuments: true },
    journal: { schema: journalRxSchema as unknown as RxJsonSchema<JournalEntry> },
    audit: { schema: auditRxSchema as unknown as RxJsonSchema<AuditEntry> },
    users: { schema: usersRxSchema as unknown as RxJsonSchema<User>, localDocuments: true },
  };
  const wanted = opts.only ? Object.fromEntries(Object.entries(all).filter(([k]) => opts.only!.includes(k as DeskCollectionName))) : all;
  await db.addCollections(wanted as typeof all);
  return db;
}
