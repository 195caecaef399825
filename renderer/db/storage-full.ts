import { BehaviorSubject } from 'rxjs';

/**
 * True when a write failed because storage ran out: the browser's quota (a DOMException named
 * QuotaExceededError) or the disk itself (Chromium's IndexedDB then fails with an UnknownError naming
 * FILE_ERROR_NO_SPACE). Dexie and RxDB wrap both (inner, cause, parameters), so the chain is searched.
 */
export function isStorageFull(err: unknown, depth = 0): boolean {
  if (err === null || typeof err !== 'object' || depth > 6) return false;
  const e = err as { name?: unknown; message?: unknown; inner?: unknown; cause?: unknown; parameters?: { error?: unknown; errors?: unknown[] } };
  if (e.name === 'QuotaExceededError') return true;
  if (typeof e.message === 'string' && /QuotaExceeded|quota (?:has been )?exceeded|NO_SPACE|no space left/i.test(e.message)) return true;
  const nested = [e.inner, e.cause, e.parameters?.error, ...(Array.isArray(e.parameters?.errors) ? e.parameters.errors : [])];
  return nested.some((x) => isStorageFull(x, depth + 1));
}

export type StorageState = { isFull: boolean; usedBytes: number | null; quotaBytes: number | null };

/** Above this share of the quota the desk warns before a write fails. */
export const STORAGE_WARN_RATIO = 0.95;

/** Writes and deletes 64 KB in a scratch database: whether the disk takes a write right now. */
export async function probeWrite(): Promise<boolean> {
  try {
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      const open = indexedDB.open('shekara-storage-probe', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('probe');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    try {
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('probe', 'readwrite');
        tx.objectStore('probe').put('x'.repeat(65_536), 'probe');
        tx.objectStore('probe').delete('probe');
        tx.oncomplete = () => resolve();
        tx.onabort = tx.onerror = () => reject(tx.error);
      });
      return true;
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}

type Estimate = () => Promise<{ usage?: number; quota?: number }>;

/**
 * Watches the desk's storage. A write refused for space marks it full at once; it is cleared only when
 * a probe write goes through again (a full disk does not show in the browser's quota estimate). The
 * estimate also warns before the quota itself runs out.
 */
export function createStorageMonitor(estimate: Estimate = () => navigator.storage.estimate(), probe: () => Promise<boolean> = probeWrite, onRecovered: () => void = () => undefined) {
  const state$ = new BehaviorSubject<StorageState>({ isFull: false, usedBytes: null, quotaBytes: null });
  async function check(): Promise<StorageState> {
    let usedBytes: number | null = state$.value.usedBytes;
    let quotaBytes: number | null = state$.value.quotaBytes;
    try {
      const e = await estimate();
      usedBytes = e.usage ?? null;
      quotaBytes = e.quota ?? null;
    } catch {
      // No estimate in this browser: the probe alone decides.
    }
    const nearQuota = usedBytes !== null && quotaBytes !== null && quotaBytes > 0 && usedBytes / quotaBytes >= STORAGE_WARN_RATIO;
    const wasFull = state$.value.isFull;
    const isFull = nearQuota || (wasFull && !(await probe()));
    state$.next({ isFull, usedBytes, quotaBytes });
    if (wasFull && !isFull) onRecovered();
    return state$.value;
  }
  /** Called with any failed write: a refusal for space marks the desk full. */
  function report(err: unknown): boolean {
    if (!isStorageFull(err)) return false;
    state$.next({ ...state$.value, isFull: true });
    return true;
  }
  /**
   * Any failed read or write: a refusal for space, or a storage that no longer takes a probe write
   * (Chromium cannot even reopen its IndexedDB on a full disk, and says only "Internal error").
   */
  async function diagnose(err: unknown): Promise<boolean> {
    if (report(err)) return true;
    if (await probe()) return false;
    state$.next({ ...state$.value, isFull: true });
    return true;
  }
  return { state$, check, report, diagnose };
}
export type StorageMonitor = ReturnType<typeof createStorageMonitor>;
