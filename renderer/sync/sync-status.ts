import { BehaviorSubject } from 'rxjs';

export type SyncStatus = {
  /** The last request to the centre succeeded (the browser's navigator.onLine is not enough at a border). */
  isOnline: boolean;
  /** Epoch ms of the last successful pull or push; kept across reloads. */
  lastSyncAt: number | null;
  lastError: string | null;
};

const LAST_SYNC_KEY = 'shekara.lastSyncAt';

function readLastSync(): number | null {
  const v = Number(globalThis.localStorage?.getItem(LAST_SYNC_KEY));
  return Number.isFinite(v) && v > 0 ? v : null;
}

export function createSyncStatus() {
  const status$ = new BehaviorSubject<SyncStatus>({ isOnline: false, lastSyncAt: readLastSync(), lastError: null });
  return {
    status$,
    markSuccess(nowMs = Date.now()) {
      globalThis.localStorage?.setItem(LAST_SYNC_KEY, String(nowMs));
      status$.next({ isOnline: true, lastSyncAt: nowMs, lastError: null });
    },
    markFailure(error: string) {
      status$.next({ ...status$.value, isOnline: false, lastError: error });
    },
  };
}

export type SyncStatusStore = ReturnType<typeof createSyncStatus>;
