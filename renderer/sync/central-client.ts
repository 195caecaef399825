import { SYNC_PREFIX, type CollectionName, type PullResponse, type PushRow, type ReplicationCheckpoint } from '../../shared/sync/replication.ts';
import type { SyncStatusStore } from './sync-status.ts';

export type CentralClientOptions = { serverUrl: string; deviceToken: string; status: SyncStatusStore; timeoutMs?: number };

/** The centre refused what we sent; retrying the same batch cannot help, so it is reported, not retried blindly. */
export class CentralRejectedError extends Error {
  constructor(readonly statusCode: number, readonly body: string) {
    super(`centre answered ${statusCode}: ${body.slice(0, 300)}`);
  }
}

/**
 * HTTP calls to the central server's replication endpoints. Every failure marks the desk offline and
 * throws, so RxDB retries; every success marks the time of the last sync.
 */
export function createCentralClient(opts: CentralClientOptions) {
  const base = opts.serverUrl.replace(/\/$/, '') + SYNC_PREFIX;
  const headers = { authorization: `Bearer ${opts.deviceToken}` };
  const timeoutMs = opts.timeoutMs ?? 20_000;

  async function call(path: string, init: RequestInit = {}): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(base + path, { ...init, headers: { ...headers, ...init.headers }, signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      opts.status.markFailure('network');
      throw err;
    }
    if (!res.ok) {
      const body = await res.text().catch(() => '');
      opts.status.markFailure(`http-${res.status}`);
      throw new CentralRejectedError(res.status, body);
    }
    opts.status.markSuccess();
    return res;
  }

  return {
    async pull<T>(collection: CollectionName, checkpoint: ReplicationCheckpoint | undefined, limit: number): Promise<PullResponse<T>> {
      const res = await call(`/${collection}/pull?seq=${checkpoint?.seq ?? 0}&limit=${limit}`);
      return (await res.json()) as PullResponse<T>;
    },
    async push<T>(collection: CollectionName, rows: PushRow<T>[]): Promise<T[]> {
      const res = await call(`/${collection}/push`, { method: 'POST', body: JSON.stringify(rows), headers: { 'content-type': 'application/json' } });
      return (await res.json()) as T[];
    },
    streamUrl: (collection: CollectionName) => `${base}/${collection}/stream`,
    /** The one stream of every collection, each burst named. */
    sharedStreamUrl: `${base}/stream`,
    headers,
    status: opts.status,
  };
}

export type CentralClient = ReturnType<typeof createCentralClient>;
