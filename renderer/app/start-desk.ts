import type { AppInfo, Bridge } from '../../shared/bridge/bridge.ts';
import { hasFailedConnections, openDeskDatabase, type DeskDatabase } from '../db/database.ts';
import { createCentralClient } from '../sync/central-client.ts';
import { startDeskReplication, type DeskReplication } from '../sync/replicate.ts';
import { createSyncProgress, type SyncProgress } from '../sync/sync-progress.ts';
import { createSyncStatus, type SyncStatusStore } from '../sync/sync-status.ts';
import { createStorageMonitor, type StorageMonitor } from '../db/storage-full.ts';

export type Desk = {
  bridge: Bridge;
  info: AppInfo;
  db: DeskDatabase;
  sync: SyncStatusStore;
  progress: SyncProgress;
  replication: DeskReplication;
  storage: StorageMonitor;
};

/**
 * Opens the local replica and starts syncing. The desk is usable at once from what it already holds:
 * nothing here waits for the centre, which may be unreachable for days.
 */
export async function startDesk(bridge: Bridge): Promise<Desk> {
  const info = await bridge.getAppInfo();
  const db = await openDeskDatabase(`shekara-${info.deskId}`);
  const sync = createSyncStatus();
  const client = createCentralClient({ serverUrl: info.serverUrl, deviceToken: info.deviceToken, status: sync });
  const progress = createSyncProgress();
  // Once the disk takes writes again, a desk whose connections failed on it restarts its page: like a
  // crash, which an issuance survives by design; every record stored before is there after it.
  const storage = createStorageMonitor(undefined, undefined, () => {
    if (hasFailedConnections()) globalThis.location?.reload();
  });
  void storage.check();
  setInterval(() => void storage.check(), 15_000);
  // A pull refused for quota stops filling the replica; what the desk made stays and keeps being pushed.
  const replication = startDeskReplication(db, client, info.serverUrl, { progress, onError: (err) => void storage.report(err) });
  return { bridge, info, db, sync, progress, replication, storage };
}
