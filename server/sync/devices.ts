import { createHash } from 'node:crypto';
import type { Db } from '../db/db.ts';

export const DEVICE_ROLES = ['desk', 'supervisor', 'admin'] as const;
export type DeviceRole = (typeof DEVICE_ROLES)[number];
/**
 * A desk kiosk, a supervisor station (which may also move blank stacks between its checkpoint's desks),
 * or the central administrator's browser (the /admin page; never syncs). Issue 9 replaces tokens with users.
 */
export type Device = { checkpointId: string; deskId: string; role: DeviceRole };

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Known devices by token hash, for a few seconds: a desk makes six requests a sync round, and on the
 * embedded database each lookup costs as much as the pull itself. A token removed at the centre stops
 * working within DEVICE_CACHE_MS on every instance; one moved here is forgotten at once.
 */
export const DEVICE_CACHE_MS = 5_000;
const deviceCache = new WeakMap<Db, Map<string, { device: Device; until: number }>>();

function cacheOf(db: Db): Map<string, { device: Device; until: number }> {
  let cache = deviceCache.get(db);
  if (!cache) deviceCache.set(db, (cache = new Map()));
  return cache;
}

/** Forgets every cached device of this instance: after a revocation or a re-enrolment, the old token stops here at once. */
export function forgetCachedDevices(db: Db): void {
  cacheOf(db).clear();
}

/** Registers a device token, or moves it to another desk (the demo desk follows `npm start --desk`); issue 9 replaces this with enrolment. */
export async function registerDevice(db: Db, token: string, device: Omit<Device, 'role'> & { role?: DeviceRole }): Promise<void> {
  cacheOf(db).delete(hashToken(token));
  await db.query(
    'INSERT INTO devices (token_hash, checkpoint_id, desk_id, role) VALUES ($1, $2, $3, $4) ON CONFLICT (token_hash) DO UPDATE SET checkpoint_id = EXCLUDED.checkpoint_id, desk_id = EXCLUDED.desk_id, role = EXCLUDED.role',
    [hashToken(token), device.checkpointId, device.deskId, device.role ?? 'desk'],
  );
}

/** A desk or supervisor station, or null: the administrator's token opens /admin only, never sync or enrolment. */
export async function findCheckpointDevice(db: Db, authorization: string | undefined): Promise<Device | null> {
  const device = await findDevice(db, authorization);
  return device && device.role !== 'admin' ? device : null;
}

/** The device a bearer token belongs to, or null. Only the hash is looked up, so timing leaks nothing useful. */
export async function findDevice(db: Db, authorization: string | undefined): Promise<Device | null> {
  const m = /^Bearer ([A-Za-z0-9._~+/=-]{16,200})$/.exec(authorization ?? '');
  if (!m) return null;
  const hash = hashToken(m[1]!);
  const cache = cacheOf(db);
  const hit = cache.get(hash);
  if (hit && hit.until > Date.now()) return hit.device;
  const rows = await db.query<{ checkpoint_id: string; desk_id: string; role: string }>('SELECT checkpoint_id, desk_id, role FROM devices WHERE token_hash = $1 AND revoked_at IS NULL', [hash]);
  const row = rows[0];
  if (!row) return null;
  const device: Device = { checkpointId: row.checkpoint_id, deskId: row.desk_id, role: (DEVICE_ROLES as readonly string[]).includes(row.role) ? (row.role as DeviceRole) : 'desk' };
  // Bounded: unknown and revoked tokens are never cached, so the map holds only real desks.
  cache.set(hash, { device, until: Date.now() + DEVICE_CACHE_MS });
  return device;
}
