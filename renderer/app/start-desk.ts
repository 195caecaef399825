import type { AppInfo, Bridge } from '../../shared/bridge/bridge.ts';
import { openDeskDatabase, type DeskDatabase } from '../db/database.ts';
import { createCentralClient } from '../sync/central-client.ts';
import { startDeskReplication, type DeskReplication } from '../sync/replicate.ts';
import { createSyncProgress, type SyncProgress } from '../sync/sync-progress.ts';
import { createSyncStatus, type SyncStatusStore } from '../sync/sync-status.ts';
import type { CheckpointId } from '../../shared/reference/checkpoints.ts';
import { clip, recordAuditQuietly } from '../audit/audit-log.ts';
import type { LoginRefusal } from '../login/authenticate.ts';
import { createLoginAttempts, type LoginAttempts } from '../login/login-attempts.ts';
import { createSession, type Session } from '../login/session.ts';
import { createStorageMonitor, type StorageMonitor } from '../db/storage-full.ts';
import { ledger$ } from '../issue/desk-ledger.ts';
import { reportActivity, type ActivityReporter } from './activity-report.ts';

export type Desk = {
  bridge: Bridge;
  info: AppInfo;
  db: DeskDatabase;
  sync: SyncStatusStore;
  progress: SyncProgress;
  replication: DeskReplication;
  storage: StorageMonitor;
  session: Session;
  attempts: LoginAttempts;
  /** A refused login, for the audit log. */
  onLoginRefused(login: string, refusal: LoginRefusal): void;
  /** What the desk reports to the machine side, and the update that waits for a free moment. */
  activity: ActivityReporter;
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
  // Once the disk takes writes again, the desk restarts its page: like a crash, which an issuance
  // survives by design; every record stored before is there after it. Always, not only when Dexie says
  // a connection failed: a CI run showed a connection that read nothing after the disk was freed
  // without being marked failed, and an officer cannot tell a desk that half works.
  const storage = createStorageMonitor(undefined, undefined, () => globalThis.location?.reload());
  void storage.check();
  setInterval(() => void storage.check(), 15_000);
  // A pull refused for quota stops filling the replica; what the desk made stays and keeps being pushed.
  const replication = startDeskReplication(db, client, info.serverUrl, { progress, onError: (err) => void storage.report(err) });
  // Logins, log-outs, locks and refused logins go into the desk's audit chain (issue 9 item 3).
  const auditDesk = { deskId: info.deskId, checkpointId: info.checkpointId as CheckpointId };
  const session = createSession(
    (e) => void recordAuditQuietly(db, auditDesk, { kind: e.kind, userId: e.user.id, subject: clip(e.user.id, 80), details: e.reason ? { reason: clip(e.reason, 200) } : {} }),
    (technicianSession) => void bridge.technicianLock({ session: technicianSession }),
  );
  const attempts = createLoginAttempts(globalThis.localStorage);
  // A refused login names the person only when it is one: what was typed may be a password in the wrong field.
  const onLoginRefused = (login: string, refusal: LoginRefusal) =>
    void (async () => {
      const typed = login.trim().toLowerCase();
      const known = typed !== '' && (await db.users.findOne(typed).exec()) !== null;
      await recordAuditQuietly(db, auditDesk, { kind: refusal.code === 'locked-out' ? 'locked-out' : 'login-failed', userId: null, subject: known ? typed : '(unknown login)', details: { refusal: refusal.code } });
    })();
  const activity = reportActivity(bridge, info.deskId, ledger$(db), session);
  return { bridge, info, db, sync, progress, replication, storage, session, attempts, onLoginRefused, activity };
}
