import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatEnrolmentCode } from '../../shared/devices/enrolment.ts';
import { SYNC_PREFIX } from '../../shared/sync/replication.ts';
import { ENROLMENT_CODES_API } from '../../server/admin/device-admin-routes.ts';
import type { Db } from '../../server/db/db.ts';
import { openTestServer } from '../../server/testing/fixtures.ts';
import { TEST_DATABASES } from '../../server/testing/test-databases.ts';
import { readDeskConfig } from './desk-config.ts';
import { DESK_IDENTITY_FILE, DeskEnrolmentError, enrolDesk } from './desk-enrolment.ts';
import { loadOrCreateDeskKey } from './desk-key.ts';

const ADMIN = 'desk-enrolment-admin-token-0123456789';

/** The desk against a real central server: PGlite, listening on a port, called with the real fetch. */
describe('enrolling a desk with a one-time code', () => {
  let db: Db;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let serverUrl: string;
  const dataDir = () => mkdtempSync(join(tmpdir(), 'shekara-enrol-'));

  beforeAll(async () => {
    ({ db, app, close } = await openTestServer(TEST_DATABASES[0]!, [[ADMIN, { checkpointId: 'centre', deskId: 'admin', role: 'admin' }]]));
    serverUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => close());

  const makeCode = async (deskId: string, role = 'desk') => {
    const res = await fetch(new URL(ENROLMENT_CODES_API, serverUrl), { method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: JSON.stringify({ checkpointId: 'kolzhat', deskId, role }) });
    expect(res.status).toBe(200);
    return ((await res.json()) as { code: string }).code;
  };

  it('keeps the token in desk-identity.json (0600) and the certificate in the desk-key file, and the desk starts from them', async () => {
    const dir = dataDir();
    const code = await makeCode('kolzhat-3', 'supervisor');
    const { identity } = await enrolDesk({ dataDir: dir, serverUrl, code: formatEnrolmentCode(code) });
    expect(identity).toMatchObject({ serverUrl, checkpointId: 'kolzhat', deskId: 'kolzhat-3', role: 'supervisor' });
    const file = join(dir, DESK_IDENTITY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(identity);
    const key = await loadOrCreateDeskKey(dir, 'unused');
    expect(key.certificate).toMatchObject({ keyId: key.keyId, deskId: 'kolzhat-3', checkpointId: 'kolzhat' });
    expect(key.centrePublicKeys.length).toBeGreaterThan(0);

    // No token in the environment: the identity. A variable that is set still wins.
    expect(readDeskConfig({}, dir)).toEqual({ serverUrl, deviceToken: identity.deviceToken, checkpointId: 'kolzhat', deskId: 'kolzhat-3', role: 'supervisor' });
    expect(readDeskConfig({ SHEKARA_SERVER_URL: 'https://centre.example.kz' }, dir).serverUrl).toBe('https://centre.example.kz');
    expect(readDeskConfig({ SHEKARA_SERVER_URL: 'http://x.kz', SHEKARA_DEVICE_TOKEN: 'e'.repeat(20), SHEKARA_CHECKPOINT: 'bakhty', SHEKARA_DESK: 'b-1' }, dir)).toMatchObject({ deviceToken: 'e'.repeat(20), deskId: 'b-1' });
    expect(() => readDeskConfig({ SHEKARA_DESK: 'kolzhat-9' }, dir)).toThrow(/SHEKARA_DESK is kolzhat-9 but this desk is enrolled as kolzhat-3/);
    expect(() => readDeskConfig({}, dataDir())).toThrow(/SHEKARA_DEVICE_TOKEN is missing \(or enrol this desk/);

    // The token it was given syncs.
    const pull = await fetch(new URL(`${SYNC_PREFIX}/permits/pull?seq=0&limit=1`, serverUrl), { headers: { authorization: `Bearer ${identity.deviceToken}` } });
    expect(pull.status).toBe(200);
  });

  it('keeps its key when enrolled again, and the old token stops working', async () => {
    const dir = dataDir();
    const first = await enrolDesk({ dataDir: dir, serverUrl, code: await makeCode('kolzhat-4') });
    const keyBefore = (await loadOrCreateDeskKey(dir, 'x')).keyId;
    const second = await enrolDesk({ dataDir: dir, serverUrl, code: await makeCode('kolzhat-4') });
    expect((await loadOrCreateDeskKey(dir, 'x')).keyId).toBe(keyBefore);
    expect(second.identity.deviceToken).not.toBe(first.identity.deviceToken);
    const old = await fetch(new URL(`${SYNC_PREFIX}/permits/pull`, serverUrl), { headers: { authorization: `Bearer ${first.identity.deviceToken}` } });
    expect(old.status).toBe(401);
  });

  it('says why a code is refused: wrong, used, expired, or the server unreachable; and writes no identity', async () => {
    const dir = dataDir();
    const reason = (p: Promise<unknown>) => p.then(() => 'enrolled', (e: unknown) => (e instanceof DeskEnrolmentError ? e.reason : String(e)));
    expect(await reason(enrolDesk({ dataDir: dir, serverUrl, code: 'ABCD-EFGH-JKMN' }))).toBe('invalid-code');
    const code = await makeCode('kolzhat-5');
    await enrolDesk({ dataDir: dataDir(), serverUrl, code });
    expect(await reason(enrolDesk({ dataDir: dir, serverUrl, code }))).toBe('code-used');
    const late = await makeCode('kolzhat-6');
    await db.query(`UPDATE enrolment_codes SET expires_at = now() - interval '1 second' WHERE desk_id = 'kolzhat-6'`);
    expect(await reason(enrolDesk({ dataDir: dir, serverUrl, code: late }))).toBe('code-expired');
    expect(await reason(enrolDesk({ dataDir: dir, serverUrl: 'http://127.0.0.1:9', code: late, timeoutMs: 3000 }))).toBe('unreachable');
    expect(() => statSync(join(dir, DESK_IDENTITY_FILE))).toThrow();
  });

  it('ignores an unreadable identity file', () => {
    const dir = dataDir();
    writeFileSync(join(dir, DESK_IDENTITY_FILE), '{not json');
    expect(() => readDeskConfig({}, dir)).toThrow(/SHEKARA_DEVICE_TOKEN is missing/);
  });
});
