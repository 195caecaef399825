import { createHash } from 'node:crypto';
import type { Db } from '../db/db.ts';

export type Device = { checkpointId: string; deskId: string };

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Registers a device token, or moves it to another desk (the demo desk follows `npm start --desk`); issue 9 replaces this with enrolment. */
export async function registerDevice(db: Db, token: string, device: Device): Promise<void> {
  await db.query('INSERT INTO devices (token_hash, checkpoint_id, desk_id) VALUES ($1, $2, $3) ON CONFLICT (token_hash) DO UPDATE SET checkpoint_id = EXCLUDED.checkpoint_id, desk_id = EXCLUDED.desk_id', [
    hashToken(token),
    device.checkpointId,
    device.deskId,
  ]);
}

/** The device a bearer token belongs to, or null. Only the hash is looked up, so timing leaks nothing useful. */
export async function findDevice(db: Db, authorization: string | undefined): Promise<Device | null> {
  const m = /^Bearer ([A-Za-z0-9._~+/=-]{16,200})$/.exec(authorization ?? '');
  if (!m) return null;
  const rows = await db.query<{ checkpoint_id: string; desk_id: string }>('SELECT checkpoint_id, desk_id FROM devices WHERE token_hash = $1', [hashToken(m[1]!)]);
  const row = rows[0];
  return row ? { checkpointId: row.checkpoint_id, deskId: row.desk_id } : null;
}
