import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENROLMENT_CODES_API } from '../../server/admin/device-admin-routes.ts';
import type { Db } from '../../server/db/db.ts';
import { openTestServer } from '../../server/testing/fixtures.ts';
import { TEST_DATABASES } from '../../server/testing/test-databases.ts';
import type { DeskConfig } from './desk-config.ts';
import { DESK_IDENTITY_FILE } from './desk-enrolment.ts';
import { createSetupService, deskNeedsSetup } from './setup-service.ts';

const ADMIN = 'setup-service-admin-token-0123456789';

/** The wizard's machine side against a real central server (PGlite, a real port, the real fetch). */
describe('setup service', () => {
  let db: Db;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let serverUrl: string;
  let other: Server;
  let otherUrl: string;
  const dataDir = () => join(mkdtempSync(join(tmpdir(), 'shekara-setup-')), 'desk');

  beforeAll(async () => {
    ({ db, app, close } = await openTestServer(TEST_DATABASES[0]!, [[ADMIN, { checkpointId: 'centre', deskId: 'admin', role: 'admin' }]]));
    serverUrl = (await app.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1');
    // Something that answers, but is no centre.
    other = createServer((_req, res) => res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>nginx</h1>'));
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    otherUrl = `http://127.0.0.1:${(other.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    other.close();
    await close();
  });

  const makeCode = async (deskId: string) => {
    const res = await fetch(new URL(ENROLMENT_CODES_API, serverUrl), { method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: JSON.stringify({ checkpointId: 'bakhty', deskId, role: 'desk' }) });
    return ((await res.json()) as { code: string }).code;
  };

  const service = (dir: string, env: NodeJS.ProcessEnv = {}) => {
    const enrolled: DeskConfig[] = [];
    const started: DeskConfig[] = [];
    const setup = createSetupService({ dataDir: dir, env, platform: 'web', version: '9.9.9', profileDir: null, timeoutMs: 3_000, onEnrolled: async (c) => void enrolled.push(c), onStart: (c) => void started.push(c) });
    return { setup, enrolled, started };
  };

  it('describes where the desk keeps its data and what the environment already says', async () => {
    const dir = dataDir();
    expect(await service(dir, { SHEKARA_SERVER_URL: 'https://c.kz' }).setup.describe()).toEqual({ version: '9.9.9', platform: 'web', dataDir: dir, profileDir: null, defaults: { serverUrl: 'https://c.kz' } });
    expect((await service(dir).setup.describe()).defaults.serverUrl).toBe('');
  });

  it('says whether the centre answered: yes, something else answered, or nothing did', async () => {
    const { setup } = service(dataDir());
    expect(await setup.checkServer({ serverUrl })).toMatchObject({ ok: true, serverUrl });
    expect(await setup.checkServer({ serverUrl: otherUrl })).toMatchObject({ ok: false, error: 'not-a-centre' });
    // A port nothing listens on (not 9: fetch refuses that one itself, as a "bad port").
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const { port } = closed.address() as { port: number };
    await new Promise((r) => closed.close(r));
    const down = await setup.checkServer({ serverUrl: `http://127.0.0.1:${port}` });
    expect(down).toMatchObject({ ok: false, error: 'unreachable' });
    expect(down.ok === false && down.message).toMatch(/ECONNREFUSED/);
  });

  it('a refused code writes nothing, not even the data folder; the right code enrols once, and Start hands over the configuration', async () => {
    const dir = dataDir();
    const { setup, enrolled, started } = service(dir);
    expect(deskNeedsSetup({}, dir)).toBe(true);
    expect(await setup.enrol({ serverUrl, code: 'ABCD-EFGH-JKMN' })).toMatchObject({ ok: false, error: 'invalid-code' });
    expect(await setup.enrol({ serverUrl: 'http://127.0.0.1:9', code: 'ABCD-EFGH-JKMN' })).toMatchObject({ ok: false, error: 'unreachable' });
    expect(existsSync(dir)).toBe(false);
    expect(await setup.start()).toMatchObject({ ok: false, error: 'not-enrolled' });
    expect(enrolled).toEqual([]);

    const code = await makeCode('bakhty-7');
    // Two clicks at once: one enrolment, the other finds the desk enrolled.
    const [first, second] = await Promise.all([setup.enrol({ serverUrl, code }), setup.enrol({ serverUrl, code })]);
    expect(first).toEqual({ ok: true, serverUrl, checkpointId: 'bakhty', deskId: 'bakhty-7', role: 'desk' });
    expect(second).toMatchObject({ ok: false, error: 'already-enrolled' });
    expect(readdirSync(dir).sort()).toEqual([DESK_IDENTITY_FILE, 'desk-key.json']);
    expect(JSON.parse(readFileSync(join(dir, DESK_IDENTITY_FILE), 'utf8'))).toMatchObject({ serverUrl, checkpointId: 'bakhty', deskId: 'bakhty-7' });
    expect(enrolled).toEqual([{ serverUrl, deviceToken: expect.any(String), checkpointId: 'bakhty', deskId: 'bakhty-7', role: 'desk' }]);
    expect(deskNeedsSetup({}, dir)).toBe(false);
    // Enrolled: no more checks or enrolments from the wizard.
    expect(await setup.checkServer({ serverUrl })).toMatchObject({ ok: false, error: 'already-enrolled' });
    expect(await setup.start()).toEqual({ ok: true });
    expect(started).toEqual(enrolled);
  });

  it('a code used already or expired is told apart', async () => {
    const { setup } = service(dataDir());
    const used = await makeCode('bakhty-8');
    await service(dataDir()).setup.enrol({ serverUrl, code: used });
    expect(await setup.enrol({ serverUrl, code: used })).toMatchObject({ ok: false, error: 'code-used' });
    const late = await makeCode('bakhty-9');
    await db.query(`UPDATE enrolment_codes SET expires_at = now() - interval '1 second' WHERE desk_id = 'bakhty-9'`);
    expect(await setup.enrol({ serverUrl, code: late })).toMatchObject({ ok: false, error: 'code-expired' });
  });

  it('an environment naming another desk is a conflict, said before the desk starts', async () => {
    const { setup, enrolled } = service(dataDir(), { SHEKARA_DESK: 'bakhty-1' });
    expect(await setup.enrol({ serverUrl, code: await makeCode('bakhty-10') })).toMatchObject({ ok: false, error: 'conflict', message: expect.stringMatching(/SHEKARA_DESK is bakhty-1/) });
    expect(enrolled).toEqual([]);
  });

  it('needs setup only with no token in the environment and no identity kept', () => {
    const dir = dataDir();
    expect(deskNeedsSetup({}, dir)).toBe(true);
    expect(deskNeedsSetup({ SHEKARA_DEVICE_TOKEN: '  ' }, dir)).toBe(true);
    expect(deskNeedsSetup({ SHEKARA_DEVICE_TOKEN: 'x'.repeat(20) }, dir)).toBe(false);
  });
});
