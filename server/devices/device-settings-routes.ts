/**
 * Desks send the centre their device settings after every save (issue 7 item 1), so support sees how a
 * desk's printers and scanners are set without a phone call; the administrator reads them.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { deviceSettingsSchema, type DeviceSettings } from '../../shared/devices/device-settings.ts';
import type { Db } from '../db/db.ts';
import { deviceOf } from '../http/access.ts';
import type { Device } from '../sync/devices.ts';

export const DEVICE_SETTINGS_PATH = '/api/device-settings';

export async function storeDeviceSettings(db: Db, device: Device, settings: DeviceSettings): Promise<number> {
  // The newest revision wins whatever order the sends arrive in. (A desk renumbers above the centre's
  // revision when the centre answers a higher one: settings-upload.ts onCentreAhead.)
  const [row] = await db.query<{ revision: number }>(
    `INSERT INTO device_settings (checkpoint_id, desk_id, revision, settings) VALUES ($1, $2, $3, $4)
     ON CONFLICT (checkpoint_id, desk_id) DO UPDATE SET revision = EXCLUDED.revision, settings = EXCLUDED.settings, received_at = now()
       WHERE device_settings.revision < EXCLUDED.revision
          -- a desk whose folder was wiped counts again from 1: the same number with other settings is newer
          OR (device_settings.revision = EXCLUDED.revision AND device_settings.settings <> EXCLUDED.settings)
     RETURNING revision`,
    [device.checkpointId, device.deskId, settings.revision, JSON.stringify(settings)],
  );
  if (row) return row.revision;
  const [kept] = await db.query<{ revision: number }>('SELECT revision FROM device_settings WHERE checkpoint_id = $1 AND desk_id = $2', [device.checkpointId, device.deskId]);
  return kept!.revision;
}

export type DeviceSettingsRow = { checkpointId: string; deskId: string; revision: number; receivedAt: string; settings: DeviceSettings };

export async function listDeviceSettings(db: Db): Promise<DeviceSettingsRow[]> {
  const rows = await db.query<{ checkpoint_id: string; desk_id: string; revision: number; received_at: Date | string; settings: DeviceSettings }>(
    'SELECT checkpoint_id, desk_id, revision, received_at, settings FROM device_settings ORDER BY checkpoint_id, desk_id',
  );
  return rows.map((r) => ({ checkpointId: r.checkpoint_id, deskId: r.desk_id, revision: r.revision, receivedAt: new Date(r.received_at).toISOString(), settings: r.settings }));
}

/** A desk's settings are a few kilobytes of printer and scanner choices. */
export const DEVICE_SETTINGS_BODY_LIMIT = 64 * 1024;

export function registerDeviceSettingsRoutes(app: FastifyInstance, db: Db): void {
  app.post(DEVICE_SETTINGS_PATH, { config: { access: 'device' }, bodyLimit: DEVICE_SETTINGS_BODY_LIMIT }, async (req, reply) => {
    const device = deviceOf(req);
    const parsed = z.object({ settings: deviceSettingsSchema }).strict().safeParse(req.body);
    if (!parsed.success) return reply.code(400).send({ error: 'invalid-settings', issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
    return { ok: true, revision: await storeDeviceSettings(db, device, parsed.data.settings) };
  });
}
