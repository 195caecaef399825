import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceSettings } from '../../shared/devices/device-settings.ts';
import { ADMIN_API } from '../admin/admin-routes.ts';
import { buildServer } from '../app.ts';
import type { Db } from '../db/db.ts';
import { TEST_DATABASES } from '../testing/test-databases.ts';
import { registerDevice } from '../sync/devices.ts';
import { DEVICE_SETTINGS_PATH } from './device-settings-routes.ts';

const DESK_TOKEN = 'desk-settings-token-0123456789abcdef';
const OTHER_DESK_TOKEN = 'desk-settings-token-other-0123456789';
const ADMIN_TOKEN = 'admin-settings-token-0123456789abcdef';
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

function settingsAt(revision: number, host = '192.168.1.50'): DeviceSettings {
  return {
    thermal: { connection: { kind: 'tcp', host, port: 9100 }, paperWidthMm: 80, dotsPerLine: 576, codePage: 'kz1048', supportsQrCommand: true, cut: true, density: 0 },
    document: { queue: 'file:/tmp/x', blankMode: 'full-form', offsetXmm: 0, offsetYmm: 0, scale: 1 },
    scanner: { wedge: { maxIntervalMs: 35, minLength: 6, prefix: '', suffix: 'Enter', idleMs: 80 }, serial: null },
    revision,
    updatedAt: '2026-12-02T16:00:00+05:00',
    updatedBy: 'technician',
  };
}

describe.each(TEST_DATABASES)('device settings routes on $name', (database) => {
  let db: Db;
  let drop: () => Promise<void>;
  let app: FastifyInstance;

  beforeAll(async () => {
    ({ db, drop } = await database.open());
  });
  afterAll(() => drop());
  beforeEach(async () => {
    await db.exec('TRUNCATE device_settings, devices');
    await registerDevice(db, DESK_TOKEN, { checkpointId: 'dostyk-avto', deskId: 'dostyk-avto-1' });
    await registerDevice(db, OTHER_DESK_TOKEN, { checkpointId: 'dostyk-avto', deskId: 'dostyk-avto-2' });
    await registerDevice(db, ADMIN_TOKEN, { checkpointId: 'centre', deskId: 'admin', role: 'admin' });
    app = buildServer({ db });
  });
  afterEach(() => app.close());

  const post = (payload: unknown, headers: Record<string, string> = bearer(DESK_TOKEN)) => app.inject({ method: 'POST', url: DEVICE_SETTINGS_PATH, headers, payload: payload as object });
  const adminList = async () => {
    const res = await app.inject({ url: `${ADMIN_API}/device-settings`, headers: bearer(ADMIN_TOKEN) });
    expect(res.statusCode).toBe(200);
    return (res.json() as { desks: { checkpointId: string; deskId: string; revision: number; settings: DeviceSettings }[] }).desks;
  };

  it('refuses a missing, unknown or administrator token with 401, storing nothing', async () => {
    for (const headers of [{}, bearer('not-a-registered-token-xyz'), { authorization: DESK_TOKEN }, bearer(ADMIN_TOKEN)]) {
      const res = await post({ settings: settingsAt(1) }, headers);
      expect(res.statusCode, JSON.stringify(headers)).toBe(401);
      expect(res.json()).toMatchObject({ error: 'unauthorized' });
    }
    expect(await adminList()).toEqual([]);
  });

  it('refuses invalid settings with 400 and the issues', async () => {
    const bad = { ...settingsAt(1), document: { ...settingsAt(1).document, scale: 3 } };
    for (const payload of [{ settings: bad }, { settings: settingsAt(1), extra: true }, settingsAt(1), { settings: { ...settingsAt(1), revision: -1 } }]) {
      const res = await post(payload);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: 'invalid-settings', issues: expect.any(Array) });
    }
    expect((await post({ settings: bad })).json().issues).toEqual([expect.stringMatching(/^settings\.document\.scale: /)]);
    expect(await adminList()).toEqual([]);
  });

  it('stores valid settings per desk and answers the revision', async () => {
    const res = await post({ settings: settingsAt(1) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, revision: 1 });
    expect((await post({ settings: settingsAt(4, '10.0.0.2') }, bearer(OTHER_DESK_TOKEN))).json()).toEqual({ ok: true, revision: 4 });
    const desks = await adminList();
    expect(desks.map((d) => [d.deskId, d.revision])).toEqual([['dostyk-avto-1', 1], ['dostyk-avto-2', 4]]);
    expect(desks[0]!.settings).toEqual(settingsAt(1));
  });

  it('keeps the newest revision when an older one arrives later, and answers the kept revision', async () => {
    expect((await post({ settings: settingsAt(3, '10.0.0.3') })).json()).toEqual({ ok: true, revision: 3 });
    // A late retry of revision 2: accepted (the desk may stop retrying) but it changes nothing.
    expect((await post({ settings: settingsAt(2, '10.0.0.2') })).json()).toEqual({ ok: true, revision: 3 });
    expect((await post({ settings: settingsAt(3, '10.0.0.3') })).json()).toEqual({ ok: true, revision: 3 });
    const [desk] = await adminList();
    expect(desk).toMatchObject({ revision: 3, settings: { revision: 3, thermal: { connection: { host: '10.0.0.3' } } } });
    // The same number with other settings: a desk whose folder was wiped counts from 1 again; it is the newer.
    expect((await post({ settings: settingsAt(3, '10.0.0.99') })).json()).toEqual({ ok: true, revision: 3 });
    expect((await adminList())[0]).toMatchObject({ revision: 3, settings: { thermal: { connection: { host: '10.0.0.99' } } } });
    expect((await post({ settings: settingsAt(5, '10.0.0.5') })).json()).toEqual({ ok: true, revision: 5 });
    expect((await adminList())[0]).toMatchObject({ revision: 5, settings: { thermal: { connection: { host: '10.0.0.5' } } } });
  });

  it('shows the settings to administrators only: 403 for a desk token, 401 without one', async () => {
    expect((await app.inject({ url: `${ADMIN_API}/device-settings`, headers: bearer(DESK_TOKEN) })).statusCode).toBe(403);
    expect((await app.inject({ url: `${ADMIN_API}/device-settings` })).statusCode).toBe(401);
  });
});
