import { ed25519 } from '@noble/curves/ed25519.js';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVICE_ENROL_PATH, deviceEnrolmentAnswerSchema, ENROLMENT_CODE_ALPHABET, formatEnrolmentCode } from '../../shared/devices/enrolment.ts';
import { ENROL_PATH } from '../../shared/keys/certificate-json.ts';
import { encodeBase32 } from '../../shared/qr/base32.ts';
import { ByteReader, ByteWriter } from '../../shared/qr/byte-codec.ts';
import { isCertificateSignedBy, readDeskCertificate, writeDeskCertificate } from '../../shared/qr/desk-certificate.ts';
import { SYNC_PREFIX } from '../../shared/sync/replication.ts';
import { DEVICES_API, ENROLMENT_CODES_API } from '../admin/device-admin-routes.ts';
import { buildServer } from '../app.ts';
import type { Db } from '../db/db.ts';
import { BLANK_STATE_PATH } from '../blanks/blank-state-routes.ts';
import { DEVICE_SETTINGS_PATH } from '../devices/device-settings-routes.ts';
import { deskCrossing, openTestServer, rowsOf, TOKEN } from '../testing/fixtures.ts';
import { TEST_DATABASES } from '../testing/test-databases.ts';

const ADMIN = 'central-admin-token-0123456789abcdef';
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const publicKey = () => encodeBase32(ed25519.getPublicKey(ed25519.utils.randomSecretKey()));

describe.each(TEST_DATABASES)('enrolment with a one-time code on $name', (database) => {
  let db: Db;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ db, app, close } = await openTestServer(database, [
      [TOKEN, { checkpointId: 'dostyk-avto', deskId: 'dostyk-avto-1' }],
      [ADMIN, { checkpointId: 'centre', deskId: 'admin', role: 'admin' }],
      // Far more enrolments from one address than a checkpoint ever makes (rate-limit.test.ts tests the limit).
    ], { rateLimits: { enrolment: { capacity: 100, perSecond: 10 } } }));
  });
  afterAll(() => close());

  const makeCode = async (deskId: string, role: 'desk' | 'supervisor' = 'desk', checkpointId = 'nur-zholy') => {
    const res = await app.inject({ method: 'POST', url: ENROLMENT_CODES_API, headers: bearer(ADMIN), payload: { checkpointId, deskId, role } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { code: string; expiresAt: string };
  };
  const enrol = (code: string, keyId = 'k1', key = publicKey()) => app.inject({ method: 'POST', url: DEVICE_ENROL_PATH, payload: { code, keyId, publicKey: key } });
  const pull = (token: string) => app.inject({ url: `${SYNC_PREFIX}/permits/pull?seq=0&limit=1`, headers: bearer(token) });

  it('makes codes for the administrator only: 12 unambiguous characters, valid 24 hours, stored as a hash', async () => {
    const payload = { checkpointId: 'nur-zholy', deskId: 'nur-zholy-1', role: 'desk' };
    expect((await app.inject({ method: 'POST', url: ENROLMENT_CODES_API, payload })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: ENROLMENT_CODES_API, headers: bearer(TOKEN), payload })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: ENROLMENT_CODES_API, headers: bearer(ADMIN), payload: { ...payload, checkpointId: 'centre' } })).statusCode).toBe(400);
    expect((await app.inject({ method: 'POST', url: ENROLMENT_CODES_API, headers: bearer(ADMIN), payload: { ...payload, role: 'admin' } })).statusCode).toBe(400);
    const { code, expiresAt } = await makeCode('nur-zholy-1');
    expect(code).toHaveLength(12);
    expect([...code].every((c) => ENROLMENT_CODE_ALPHABET.includes(c))).toBe(true);
    expect(code).not.toMatch(/[01OIL]/);
    expect(Math.abs(Date.parse(expiresAt) - Date.now() - 24 * 3_600_000)).toBeLessThan(60_000);
    const stored = await db.query<Record<string, unknown>>('SELECT * FROM enrolment_codes');
    expect(JSON.stringify(stored)).not.toContain(code);
  });

  it('enrols a desk once per code: token, certificate for the code’s desk, signed by the centre', async () => {
    const { code } = await makeCode('nur-zholy-2', 'supervisor');
    // Typed by hand: lower case, in groups, with spaces.
    const res = await enrol(` ${formatEnrolmentCode(code).toLowerCase()} `, 'nz2-key');
    expect(res.statusCode, res.body).toBe(200);
    const answer = deviceEnrolmentAnswerSchema.parse(res.json());
    expect(answer).toMatchObject({ checkpointId: 'nur-zholy', deskId: 'nur-zholy-2', role: 'supervisor' });
    expect(answer.certificate).toMatchObject({ keyId: 'nz2-key', deskId: 'nur-zholy-2', checkpointId: 'nur-zholy' });
    const w = new ByteWriter();
    writeDeskCertificate(w, answer.certificate);
    const read = readDeskCertificate(new ByteReader(w.finish()))!;
    const centre = answer.centrePublicKeys.find((k) => k.keyId === answer.certificate.centreKeyId)!;
    expect(isCertificateSignedBy(centre.publicKey, read.body, read.certificate.signature)).toBe(true);
    expect((await pull(answer.deviceToken)).statusCode).toBe(200);

    const again = await enrol(code);
    expect(again.statusCode).toBe(410);
    expect(again.json()).toEqual({ error: 'code-used', message: 'this enrolment code has been used already' });
    const [row] = await db.query<{ key_id: string; enrolled_at: unknown }>(`SELECT key_id, enrolled_at FROM devices WHERE desk_id = 'nur-zholy-2'`);
    expect(row).toMatchObject({ key_id: 'nz2-key' });
    expect(row!.enrolled_at).not.toBeNull();
  });

  it('lets only one of two desks racing with the same code enrol', async () => {
    const { code } = await makeCode('nur-zholy-3');
    const answers = await Promise.all([enrol(code), enrol(code), enrol(code)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 410, 410]);
    const [{ n }] = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM devices WHERE desk_id = 'nur-zholy-3'`)) as [{ n: number }];
    expect(n).toBe(1);
  });

  it('refuses an expired code, and a wrong or malformed one with one generic 401', async () => {
    const { code } = await makeCode('nur-zholy-4');
    await db.query(`UPDATE enrolment_codes SET expires_at = now() - interval '1 minute' WHERE desk_id = 'nur-zholy-4'`);
    const expired = await enrol(code);
    expect(expired.statusCode).toBe(410);
    expect(expired.json().error).toBe('code-expired');
    const generic = { error: 'invalid-code', message: 'the enrolment code is not valid' };
    for (const wrong of ['ABCDEFGHJKMN', 'short', '0000OOOO1111', 'x'.repeat(41)]) {
      const res = await enrol(wrong);
      expect(res.statusCode, wrong).toBe(401);
      expect(res.json()).toEqual(generic);
    }
    expect((await app.inject({ method: 'POST', url: DEVICE_ENROL_PATH, payload: { code: 'ABCDEFGHJKMN', keyId: 'bad id!', publicKey: publicKey() } })).statusCode).toBe(400);
    expect((await db.query(`SELECT 1 FROM devices WHERE desk_id = 'nur-zholy-4'`)).length).toBe(0);
  });

  it('replaces the desk’s old token when the desk enrols again', async () => {
    const first = deviceEnrolmentAnswerSchema.parse((await enrol((await makeCode('nur-zholy-5')).code)).json());
    expect((await pull(first.deviceToken)).statusCode).toBe(200);
    const second = deviceEnrolmentAnswerSchema.parse((await enrol((await makeCode('nur-zholy-5')).code)).json());
    expect(second.deviceToken).not.toBe(first.deviceToken);
    expect((await pull(first.deviceToken)).statusCode).toBe(401);
    expect((await pull(second.deviceToken)).statusCode).toBe(200);
  });

  it('lists devices without token hashes; revokes a desk that synced before on every desk route at once', async () => {
    const desk = deviceEnrolmentAnswerSchema.parse((await enrol((await makeCode('dostyk-avto-7', 'desk', 'dostyk-avto')).code)).json());
    const t = bearer(desk.deviceToken);
    const crossing = deskCrossing({ deskId: 'dostyk-avto-7' });
    expect((await pull(desk.deviceToken)).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: `${SYNC_PREFIX}/crossings/push`, headers: t, payload: rowsOf([crossing]) })).statusCode).toBe(200);
    expect((await app.inject({ url: BLANK_STATE_PATH, headers: t })).statusCode).toBe(200);

    const list = await app.inject({ url: DEVICES_API, headers: bearer(ADMIN) });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toMatch(/token|hash/i);
    expect(list.json().devices).toContainEqual(expect.objectContaining({ checkpointId: 'dostyk-avto', deskId: 'dostyk-avto-7', role: 'desk', revokedAt: null, keyId: 'k1' }));
    expect((await app.inject({ url: DEVICES_API, headers: t })).statusCode).toBe(403);

    const revoke = await app.inject({ method: 'POST', url: `${DEVICES_API}/revoke`, headers: bearer(ADMIN), payload: { checkpointId: 'dostyk-avto', deskId: 'dostyk-avto-7' } });
    expect(revoke.json()).toEqual({ revoked: 1 });
    const calls = [
      { url: `${SYNC_PREFIX}/permits/pull?seq=0&limit=1` },
      { method: 'POST' as const, url: `${SYNC_PREFIX}/crossings/push`, payload: rowsOf([crossing]) },
      { url: `${SYNC_PREFIX}/stream` },
      { url: BLANK_STATE_PATH },
      { method: 'POST' as const, url: ENROL_PATH, payload: { keyId: 'k2', publicKey: publicKey() } },
      { method: 'POST' as const, url: DEVICE_SETTINGS_PATH, payload: { settings: {} } },
    ];
    for (const call of calls) expect((await app.inject({ ...call, headers: t })).statusCode, call.url).toBe(401);
    expect((await app.inject({ url: DEVICES_API, headers: bearer(ADMIN) })).json().devices).toContainEqual(expect.objectContaining({ deskId: 'dostyk-avto-7', revokedAt: expect.any(String) }));
    // Another desk of the checkpoint is untouched; revoking nobody says so.
    expect((await pull(TOKEN)).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: `${DEVICES_API}/revoke`, headers: bearer(ADMIN), payload: { checkpointId: 'dostyk-avto', deskId: 'dostyk-avto-7' } })).statusCode).toBe(404);
  });

  it('revokes on another instance within the device cache time', async () => {
    // Another instance on the same database: its own device cache (the cache is kept per Db object).
    const other = buildServer({ db: { ...db } });
    const desk = deviceEnrolmentAnswerSchema.parse((await enrol((await makeCode('dostyk-avto-8', 'desk', 'dostyk-avto')).code)).json());
    expect((await other.inject({ url: `${SYNC_PREFIX}/permits/pull?seq=0&limit=1`, headers: bearer(desk.deviceToken) })).statusCode).toBe(200);
    await app.inject({ method: 'POST', url: `${DEVICES_API}/revoke`, headers: bearer(ADMIN), payload: { checkpointId: 'dostyk-avto', deskId: 'dostyk-avto-8' } });
    await new Promise((r) => setTimeout(r, 5_100));
    expect((await other.inject({ url: `${SYNC_PREFIX}/permits/pull?seq=0&limit=1`, headers: bearer(desk.deviceToken) })).statusCode).toBe(401);
    await other.close();
  }, 20_000);
});
