import { request } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_ROUTES, BRIDGE_TOKEN_HEADER } from '../../shared/bridge/bridge.ts';
import { SETUP_ROUTES, type SetupBridge } from '../../shared/bridge/setup-bridge.ts';
import { contentSecurityPolicy } from '../content-security-policy.ts';
import { createBridgeService } from '../services/bridge-service.ts';
import { startWebHost, type WebHost } from './server.ts';

const CENTRAL = 'https://central.example.kz:8443';

function raw(port: number, opts: { path: string; method?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: opts.path, method: opts.method ?? 'GET', headers: { host: `127.0.0.1:${port}`, ...opts.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** The web host of a desk with no configuration: the wizard and its routes, then the desk on the same address. */
describe('web host in first-run setup', () => {
  let dir: string;
  let host: WebHost;
  const calls: string[] = [];
  const setup: SetupBridge = {
    describe: async () => (calls.push('describe'), { version: '0.1.0', platform: 'web', dataDir: '/data/desk', profileDir: null, defaults: { serverUrl: '' } }),
    checkServer: async (r) => (calls.push(`check ${r.serverUrl}`), { ok: true, serverUrl: r.serverUrl, centreKeys: 2 }),
    enrol: async () => (calls.push('enrol'), { ok: true, serverUrl: CENTRAL, checkpointId: 'kolzhat', deskId: 'kolzhat-2', role: 'desk' }),
    start: async () => ({ ok: true }),
  };
  const auth = () => ({ [BRIDGE_TOKEN_HEADER]: host.token });
  const post = (path: string, body: unknown, headers: Record<string, string> = auth()) => raw(host.port, { path, method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shekara-web-host-setup-'));
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>desk app</title>');
    await writeFile(join(dir, 'setup.html'), '<!doctype html><title>setup wizard</title>');
    host = await startWebHost({ rendererDir: dir, setup });
  });
  afterAll(async () => {
    await host.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves the wizard at / under a policy that reaches no centre, on 127.0.0.1 with the launch token', async () => {
    expect(host.address).toBe('127.0.0.1');
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=${host.token}`);
    const page = await raw(host.port, { path: '/' });
    expect(page.body).toContain('setup wizard');
    expect(page.headers['content-security-policy']).toBe(contentSecurityPolicy());
    expect(page.headers['content-security-policy']).toContain("connect-src 'self';");
    expect((await raw(host.port, { path: '/', headers: { host: `evil.example:${host.port}` } })).status).toBe(403);
  });

  it('the setup routes need the token, the right method and a valid body', async () => {
    expect((await raw(host.port, { path: SETUP_ROUTES.describe.path })).status).toBe(401);
    expect((await post(SETUP_ROUTES.enrol.path, { serverUrl: CENTRAL, code: 'ABCD-EFGH-JKMN' }, { origin: 'https://evil.example' })).status).toBe(401);
    expect((await raw(host.port, { path: SETUP_ROUTES.enrol.path, headers: auth() })).status).toBe(405);
    const insecure = await post(SETUP_ROUTES.checkServer.path, { serverUrl: 'http://central.example.kz' });
    expect(insecure.status).toBe(400);
    expect(JSON.parse(insecure.body)).toMatchObject({ ok: false, error: 'bad-request' });
    expect(calls).toEqual([]);
    const described = await raw(host.port, { path: SETUP_ROUTES.describe.path, headers: auth() });
    expect(JSON.parse(described.body)).toMatchObject({ platform: 'web', dataDir: '/data/desk' });
    expect(JSON.parse((await post(SETUP_ROUTES.checkServer.path, { serverUrl: `${CENTRAL}/` })).body)).toEqual({ ok: true, serverUrl: CENTRAL, centreKeys: 2 });
    expect(calls).toEqual(['describe', `check ${CENTRAL}`]);
  });

  it('the Bridge is shut until the desk is enrolled: 401 without the token, 503 not-enrolled with it', async () => {
    expect((await raw(host.port, { path: BRIDGE_ROUTES.getAppInfo.path })).status).toBe(401);
    const shut = await raw(host.port, { path: BRIDGE_ROUTES.getAppInfo.path, headers: auth() });
    expect(shut.status).toBe(503);
    expect(JSON.parse(shut.body)).toMatchObject({ error: 'not-enrolled' });
  });

  it('after openDesk the same address is the desk: app at /, the Bridge answers, the policy names the centre, the wizard page is gone', async () => {
    const config = { serverUrl: CENTRAL, deviceToken: 'x'.repeat(32), checkpointId: 'kolzhat', deskId: 'kolzhat-2', role: 'desk' as const };
    host.openDesk(createBridgeService({ config, platform: 'web', version: '0.1.0' }), CENTRAL);
    const page = await raw(host.port, { path: '/' });
    expect(page.body).toContain('desk app');
    expect(page.headers['content-security-policy']).toBe(contentSecurityPolicy(CENTRAL));
    expect((await raw(host.port, { path: '/setup.html' })).status).toBe(404);
    const info = await raw(host.port, { path: BRIDGE_ROUTES.getAppInfo.path, headers: auth() });
    expect(JSON.parse(info.body)).toMatchObject({ checkpointId: 'kolzhat', deskId: 'kolzhat-2' });
    expect(() => host.openDesk(createBridgeService({ config, platform: 'web', version: '0.1.0' }), CENTRAL)).toThrow(/has a desk already/);
  });
});

describe('web host of a configured desk', () => {
  it('has no setup routes and no wizard page', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shekara-web-host-nosetup-'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>desk app</title>');
    await writeFile(join(dir, 'setup.html'), '<!doctype html><title>setup wizard</title>');
    const config = { serverUrl: CENTRAL, deviceToken: 'x'.repeat(32), checkpointId: 'kolzhat', deskId: 'kolzhat-2', role: 'desk' as const };
    const host = await startWebHost({ rendererDir: dir, service: createBridgeService({ config, platform: 'web', version: '0.1.0' }), centralOrigin: CENTRAL });
    try {
      expect((await raw(host.port, { path: SETUP_ROUTES.describe.path, headers: { [BRIDGE_TOKEN_HEADER]: host.token } })).status).toBe(404);
      expect((await raw(host.port, { path: SETUP_ROUTES.enrol.path, method: 'POST', headers: { [BRIDGE_TOKEN_HEADER]: host.token, 'content-type': 'application/json' }, body: '{}' })).status).toBe(404);
      expect((await raw(host.port, { path: '/setup.html' })).status).toBe(404);
    } finally {
      await host.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
