/**
 * The server's answers under abuse: rate limits (429 with retry-after), body limits (413), malformed
 * JSON (400), failures without stacks or SQL (500), and a log with no IIN or token in it.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVICE_ENROL_PATH } from '../../shared/devices/enrolment.ts';
import { ENROL_PATH } from '../../shared/keys/certificate-json.ts';
import { COLLECTION_NAMES, SYNC_PREFIX } from '../../shared/sync/replication.ts';
import { buildServer, type ServerOptions } from '../app.ts';
import type { Db } from '../db/db.ts';
import { DEVICE_SETTINGS_PATH } from '../devices/device-settings-routes.ts';
import { registerDevice } from '../sync/devices.ts';
import { auth, deskCrossing, rowsOf, TOKEN } from '../testing/fixtures.ts';
import { TEST_DATABASES } from '../testing/test-databases.ts';

const OTHER = 'hardening-second-desk-token-0123456789';
const pglite = TEST_DATABASES[0]!;

async function open(options: Omit<ServerOptions, 'db'> = {}): Promise<{ db: Db; app: FastifyInstance; close(): Promise<void> }> {
  const { db, drop } = await pglite.open();
  await registerDevice(db, TOKEN, { checkpointId: 'dostyk-avto', deskId: 'dostyk-avto-1' });
  await registerDevice(db, OTHER, { checkpointId: 'dostyk-avto', deskId: 'dostyk-avto-2' });
  const app = buildServer({ db, ...options });
  return {
    db,
    app,
    async close() {
      await app.close();
      await drop().catch(() => undefined);
    },
  };
}

const expectWireError = (res: { statusCode: number; body: string; json(): unknown }, status: number, error: string) => {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.json()).toMatchObject({ error, message: expect.any(String) });
};

describe('rate limits', () => {
  it('answers 429 with retry-after once an address has spent its burst', async () => {
    const { app, close } = await open({ rateLimits: { perAddress: { capacity: 5, perSecond: 0.01 } } });
    for (let i = 0; i < 5; i++) expect((await app.inject({ url: '/health' })).statusCode).toBe(200);
    const res = await app.inject({ url: '/health' });
    expectWireError(res, 429, 'too-many-requests');
    expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // Another address is not held up.
    expect((await app.inject({ url: '/health', remoteAddress: '10.0.0.9' })).statusCode).toBe(200);
    await close();
  });

  it('limits each token on its own, whatever address it comes from', async () => {
    const { app, close } = await open({ rateLimits: { perToken: { capacity: 3, perSecond: 0.01 } } });
    const pull = (token: string, remoteAddress: string) => app.inject({ url: `${SYNC_PREFIX}/permits/pull?seq=0&limit=1`, headers: { authorization: `Bearer ${token}` }, remoteAddress });
    for (let i = 0; i < 3; i++) expect((await pull(TOKEN, `10.0.0.${i}`)).statusCode).toBe(200);
    expectWireError(await pull(TOKEN, '10.0.0.7'), 429, 'too-many-requests');
    expect((await pull(OTHER, '10.0.0.7')).statusCode).toBe(200);
    await close();
  });

  it('is strict on enrolment codes and on a refused token retried from one address, without holding up its neighbours', async () => {
    const { app, close } = await open({ rateLimits: { enrolment: { capacity: 3, perSecond: 0.001 }, refusedTokens: { capacity: 4, perSecond: 0.001 } } });
    const enrol = () => app.inject({ method: 'POST', url: DEVICE_ENROL_PATH, payload: { code: 'ABCDEFGHJKMN', keyId: 'k', publicKey: 'x' } });
    for (let i = 0; i < 3; i++) expect((await enrol()).statusCode).not.toBe(429);
    expectWireError(await enrol(), 429, 'too-many-requests');

    // A refused token, tried again and again (a revoked desk that keeps retrying), slows itself down.
    const retry = (remoteAddress = '10.1.1.1') => app.inject({ url: '/admin/api/overview', headers: { authorization: 'Bearer revoked-or-guessed-token-00000000' }, remoteAddress });
    for (let i = 0; i < 4; i++) expect((await retry()).statusCode).toBe(401);
    expectWireError(await retry(), 429, 'too-many-requests');
    // Only itself: the desks behind the same address (a checkpoint's NAT) keep syncing, and nobody else waits.
    expect((await app.inject({ url: `${SYNC_PREFIX}/permits/pull`, headers: auth, remoteAddress: '10.1.1.1' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/health', remoteAddress: '10.1.1.1' })).statusCode).toBe(200);
    expect((await retry('10.1.1.2')).statusCode).toBe(401);
    await close();
  });

  it('lets a checkpoint’s desks sync every collection, round after round, under the default limits', async () => {
    const { app, close } = await open();
    const rounds = await Promise.all(
      [TOKEN, OTHER].flatMap((token) =>
        Array.from({ length: 15 }, () => COLLECTION_NAMES.map((c) => app.inject({ url: `${SYNC_PREFIX}/${c}/pull?seq=0&limit=100`, headers: { authorization: `Bearer ${token}` } }))).flat(),
      ),
    );
    expect(rounds.filter((r) => r.statusCode !== 200).map((r) => r.statusCode)).toEqual([]);
    await close();
  }, 60_000);
});

describe('bodies, errors and the log', () => {
  let app: FastifyInstance;
  let db: Db;
  let close: () => Promise<void>;
  const lines: string[] = [];

  beforeAll(async () => {
    ({ app, db, close } = await open({ logger: { level: 'info', stream: { write: (line: string) => lines.push(line) } } }));
    // A route that fails the way a bug would, with personal data in the error and the body.
    app.post('/test/throws', { config: { access: 'public' } }, async (req) => {
      throw new Error(`cannot handle holder 870412300123 in ${JSON.stringify(req.body)}`);
    });
  });
  afterAll(() => close());

  it('refuses bodies over each route’s limit with 413 and a JSON error', async () => {
    const big = (kb: number) => ({ keyId: 'k1', publicKey: 'A'.repeat(kb * 1024) });
    expectWireError(await app.inject({ method: 'POST', url: DEVICE_ENROL_PATH, payload: { code: 'ABCDEFGHJKMN', ...big(5) } }), 413, 'body-too-large');
    expectWireError(await app.inject({ method: 'POST', url: ENROL_PATH, headers: auth, payload: big(5) }), 413, 'body-too-large');
    expectWireError(await app.inject({ method: 'POST', url: DEVICE_SETTINGS_PATH, headers: auth, payload: { settings: { x: 'y'.repeat(70 * 1024) } } }), 413, 'body-too-large');
    expectWireError(await app.inject({ method: 'POST', url: `${SYNC_PREFIX}/crossings/push`, headers: auth, payload: rowsOf([deskCrossing({ officerName: 'x'.repeat(3 * 1024 * 1024) })]) }), 413, 'body-too-large');
    // Just under the route's limit is read (and judged on its content).
    expect((await app.inject({ method: 'POST', url: ENROL_PATH, headers: auth, payload: big(3) })).statusCode).toBe(400);
  });

  it('answers malformed JSON with a plain 400 that quotes nothing of the body', async () => {
    const res = await app.inject({ method: 'POST', url: `${SYNC_PREFIX}/crossings/push`, headers: { ...auth, 'content-type': 'application/json' }, payload: '{"iin": 870412300123, oops' });
    expectWireError(res, 400, 'invalid-json');
    expect(res.body).not.toContain('870412300123');
    expect(res.body).not.toContain('oops');
    expectWireError(await app.inject({ method: 'POST', url: DEVICE_ENROL_PATH, headers: { 'content-type': 'application/json' }, payload: '' }), 400, 'invalid-json');
    expectWireError(await app.inject({ method: 'POST', url: DEVICE_ENROL_PATH, headers: { 'content-type': 'application/json' }, payload: '{"__proto__": {"x": 1}}' }), 400, 'invalid-json');
    expectWireError(await app.inject({ url: '/no/such/route' }), 404, 'not-found');
  });

  it('fails without a stack, SQL or request data in the answer, and logs the failure masked', async () => {
    lines.length = 0;
    const res = await app.inject({ method: 'POST', url: '/test/throws?iin=870412300123', payload: { holderIin: '991231400456' } });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: 'internal', message: 'internal error' });
    const log = lines.join('');
    expect(log).toContain('request failed');
    expect(log).toContain('0123'); // the last four stay, support can match a case
    expect(log).not.toMatch(/870412300123|991231400456/);
    await app.inject({ url: `${SYNC_PREFIX}/permits/pull?seq=0&iin=870412300123`, headers: auth });
    expect(lines.join('')).not.toMatch(/870412300123|test-device-token/);
  });

  it('answers 500 without SQL or stack when the database is gone', async () => {
    await db.close();
    for (const res of [await app.inject({ url: '/health' }), await app.inject({ url: `${SYNC_PREFIX}/permits/pull?seq=0`, headers: { authorization: 'Bearer never-seen-token-0123456789' } })]) {
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({ error: 'internal', message: 'internal error' });
      expect(res.body).not.toMatch(/\bat |SELECT|FROM|devices|PGlite/i);
    }
  });
});
