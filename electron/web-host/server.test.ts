import { request } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { networkInterfaces, tmpdir } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_METHODS, BRIDGE_ROUTES, BRIDGE_TOKEN_HEADER, type Bridge } from '../../shared/bridge/bridge.ts';
import { createBridgeService } from '../services/bridge-service.ts';
import { MAX_BODY_BYTES, startWebHost, type WebHost } from './server.ts';

const config = { serverUrl: 'https://central.example.kz:8443', deviceToken: 'x'.repeat(32), checkpointId: 'khorgos', deskId: 'khorgos-2', role: 'desk' as const };

/** Raw HTTP, so the test controls the Host header and the exact request path (fetch normalises both). */
function raw(port: number, opts: { path: string; method?: string; headers?: Record<string, string>; body?: string | Buffer; address?: string }) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request({ host: opts.address ?? '127.0.0.1', port, path: opts.path, method: opts.method ?? 'GET', headers: { host: `127.0.0.1:${port}`, ...opts.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('web host', () => {
  let dir: string;
  let host: WebHost;
  const auth = () => ({ [BRIDGE_TOKEN_HEADER]: host.token });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shekara-web-host-'));
    const renderer = join(dir, 'renderer');
    await mkdir(join(renderer, 'assets'), { recursive: true });
    await writeFile(join(renderer, 'index.html'), '<!doctype html><title>Шекара</title>');
    await writeFile(join(renderer, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(join(renderer, 'assets', 'app.css'), 'body{}');
    await writeFile(join(dir, 'secret.txt'), 'outside');
    const service = createBridgeService({ config, platform: 'web', version: '0.1.0' });
    host = await startWebHost({ rendererDir: renderer, service, centralOrigin: 'https://central.example.kz:8443' });
  });
  afterAll(async () => {
    await host.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('prints a loopback URL carrying the token in the fragment', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(40);
  });

  it('serves index.html for / with CSP and hardening headers', async () => {
    const res = await raw(host.port, { path: '/' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('Шекара');
    expect(res.headers['content-security-policy']).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' https://central.example.kz:8443; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('serves assets with their content types, 404 otherwise', async () => {
    expect((await raw(host.port, { path: '/assets/app.js' })).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await raw(host.port, { path: '/assets/app.css' })).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await raw(host.port, { path: '/nope.js' })).status).toBe(404);
    expect((await raw(host.port, { path: '/assets' })).status).toBe(404);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of ['/../package.json', '/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt', '/%00index.html']) {
      const res = await raw(host.port, { path });
      expect(res.status, path).toBe(404);
      expect(res.body).not.toContain('outside');
    }
  });

  it('answers 403 to a foreign Host header (DNS rebinding)', async () => {
    for (const hostHeader of ['evil.example:' + host.port, '127.0.0.1:1', 'localhost']) {
      expect((await raw(host.port, { path: '/', headers: { host: hostHeader } })).status).toBe(403);
      expect((await raw(host.port, { path: BRIDGE_ROUTES.getAppInfo.path, headers: { host: hostHeader, ...auth() } })).status).toBe(403);
    }
    expect((await raw(host.port, { path: '/', headers: { host: `localhost:${host.port}` } })).status).toBe(200);
  });

  it('answers 401 to a bridge call without the token or with a wrong one', async () => {
    expect((await raw(host.port, { path: BRIDGE_ROUTES.getAppInfo.path })).status).toBe(401);
    const wrong = host.token.slice(0, -1) + (host.token.endsWith('A') ? 'B' : 'A');
    expect((await raw(host.port, { path: BRIDGE_ROUTES.getAppInfo.path, headers: { [BRIDGE_TOKEN_HEADER]: wrong } })).status).toBe(401);
    expect((await raw(host.port, { path: BRIDGE_ROUTES.getAppInfo.path, headers: { [BRIDGE_TOKEN_HEADER]: 'short' } })).status).toBe(401);
    const ok = await raw(host.port, { path: BRIDGE_ROUTES.getAppInfo.path, headers: auth() });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ checkpointId: 'khorgos', deskId: 'khorgos-2', platform: 'web' });
    expect(ok.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('rejects bad request bodies with 400 and a clear message', async () => {
    const post = (body: string, type = 'application/json') =>
      raw(host.port, { path: BRIDGE_ROUTES.printTestText.path, method: 'POST', headers: { ...auth(), 'content-type': type }, body });
    const notJson = await post('{nope');
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body)).toEqual({ ok: false, error: 'bad-request', message: 'request body is not valid JSON' });
    const badTarget = await post(JSON.stringify({ target: 'lp0', text: 'x' }));
    expect(badTarget.status).toBe(400);
    expect(JSON.parse(badTarget.body).message).toMatch(/^target: printer must be tcp:\/\/HOST:PORT/);
    expect((await post('x=1', 'application/x-www-form-urlencoded')).status).toBe(400);
  });

  it('refuses a body over 64 KB with 413', async () => {
    const big = JSON.stringify({ target: 'tcp://127.0.0.1:9100', text: 'a'.repeat(MAX_BODY_BYTES) });
    const res = await raw(host.port, { path: BRIDGE_ROUTES.printTestText.path, method: 'POST', headers: { ...auth(), 'content-type': 'application/json' }, body: big });
    expect(res.status).toBe(413);
  });

  it('answers 405 to the wrong method on a route', async () => {
    expect((await raw(host.port, { path: BRIDGE_ROUTES.getAppInfo.path, method: 'POST', headers: auth() })).status).toBe(405);
    expect((await raw(host.port, { path: '/', method: 'DELETE' })).status).toBe(405);
  });
});

/** This machine's own non-loopback IPv4 addresses: reachable from the checkpoint's network. */
function externalIPv4(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((i) => i !== undefined && i.family === 'IPv4' && !i.internal)
    .map((i) => i!.address);
}

/** Resolves to the socket error's code, or 'connected'. */
function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(2000, () => (socket.destroy(), resolve('timeout')));
    socket.once('connect', () => (socket.destroy(), resolve('connected')));
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
  });
}

/** Bytes as written, for requests a well-behaved client will not send; resolves to the whole answer. */
function rawSocket(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => socket.end(text));
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
  });
}

const corsHeaders = (headers: Record<string, unknown>) => Object.keys(headers).filter((h) => h.startsWith('access-control-'));

describe('web host exposure', () => {
  let dir: string;
  let host: WebHost;
  const reached: string[] = [];
  // Records whether a call got through; what it answers does not matter to these tests.
  const service = new Proxy({} as Bridge, { get: (_t, name) => async () => (reached.push(String(name)), { ok: false, error: 'internal', message: 'test' }) });
  const external = externalIPv4();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shekara-web-host-'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>x</title>');
    host = await startWebHost({ rendererDir: dir, service, centralOrigin: 'https://central.example.kz:8443' });
  });
  afterAll(async () => {
    await host.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 only', async () => {
    expect(host.address).toBe('127.0.0.1');
    expect(await tryConnect('127.0.0.1', host.port)).toBe('connected');
    expect(await tryConnect('::1', host.port)).not.toBe('connected');
  });

  it.skipIf(external.length === 0)("is not reachable on this machine's network addresses (skipped: the machine has no non-loopback IPv4 address)", async () => {
    for (const address of external) {
      expect(await tryConnect(address, host.port), address).not.toBe('connected');
      // The same request that succeeds on loopback, for certain that the port is the server's.
      await expect(raw(host.port, { address, path: '/' })).rejects.toThrow();
    }
    expect((await raw(host.port, { path: '/' })).status).toBe(200);
  });

  describe.each(BRIDGE_METHODS)('bridge route %s', (name) => {
    const route = BRIDGE_ROUTES[name];
    const call = (headers: Record<string, string>, h = host) =>
      raw(h.port, { path: route.path, method: route.method, headers: { 'content-type': 'application/json', ...headers }, body: route.method === 'POST' ? '{}' : undefined });

    it('answers 401 without the token, with a wrong one, and never reaches the service', async () => {
      const wrong = host.token.slice(0, -1) + (host.token.endsWith('A') ? 'B' : 'A');
      const attempts: Record<string, string>[] = [{}, { [BRIDGE_TOKEN_HEADER]: '' }, { [BRIDGE_TOKEN_HEADER]: wrong }, { [BRIDGE_TOKEN_HEADER]: host.token.slice(1) }, { authorization: `Bearer ${host.token}` }];
      for (const headers of attempts) {
        const res = await call(headers);
        expect(res.status, JSON.stringify(headers)).toBe(401);
        expect(JSON.parse(res.body)).toMatchObject({ error: 'unauthorized' });
        expect(corsHeaders(res.headers)).toEqual([]);
      }
      expect(reached.filter((r) => r === name)).toEqual([]);
    });

    it('goes through with the token (and still no CORS header)', async () => {
      const res = await call({ [BRIDGE_TOKEN_HEADER]: host.token });
      expect(res.status).not.toBe(401);
      expect(corsHeaders(res.headers)).toEqual([]);
    });

    it('answers a CORS preflight from another origin with no access-control header', async () => {
      const res = await raw(host.port, {
        path: route.path,
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': route.method, 'access-control-request-headers': `${BRIDGE_TOKEN_HEADER}, content-type` },
      });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(corsHeaders(res.headers)).toEqual([]);
    });

    it('answers 403 to a foreign Host header even with the token (DNS rebinding)', async () => {
      for (const hostHeader of ['evil.example', `evil.example:${host.port}`, `127.0.0.1.nip.io:${host.port}`, `[::1]:${host.port}`, `0.0.0.0:${host.port}`]) {
        const res = await call({ host: hostHeader, [BRIDGE_TOKEN_HEADER]: host.token });
        expect(res.status, hostHeader).toBe(403);
      }
      // No Host at all (HTTP/1.0 allows it; the client would fill in an empty one).
      const noHost = await rawSocket(host.port, `${route.method} ${route.path} HTTP/1.0\r\n${BRIDGE_TOKEN_HEADER}: ${host.token}\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}`);
      expect(noHost).toMatch(/^HTTP\/1\.1 403 /);
    });
  });

  it('sends no CORS header on any other answer, a preflight with Origin included', async () => {
    const answers = await Promise.all([
      raw(host.port, { path: '/', headers: { origin: 'https://evil.example' } }),
      raw(host.port, { path: '/', method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } }),
      raw(host.port, { path: '/nope', headers: { origin: 'null' } }),
      raw(host.port, { path: '/bridge/nope', headers: { origin: 'https://evil.example', [BRIDGE_TOKEN_HEADER]: host.token } }),
      raw(host.port, { path: '/', headers: { host: 'evil.example', origin: 'https://evil.example' } }),
    ]);
    for (const res of answers) expect(corsHeaders(res.headers)).toEqual([]);
    expect(answers.map((a) => a.status)).toEqual([200, 405, 404, 404, 403]);
  });
});
