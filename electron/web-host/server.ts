/**
 * The web host: the built renderer and the Bridge over HTTP on 127.0.0.1, so the UI runs in any
 * Chromium without Electron. Only this machine reaches it (loopback bind), only pages it served can
 * call the Bridge (per-launch token from the URL fragment, no CORS), and a DNS-rebinding page is
 * turned away by the Host check.
 *
 * A desk with no configuration starts in setup: `/` is the first-run wizard (setup.html) and only the
 * setup routes answer (shared/bridge/setup-bridge.ts), under the same token and checks. Once the wizard
 * has enrolled the desk, openDesk() switches the same host, port and token to the desk: `/` is the app,
 * the Bridge answers, and the page's policy lets it reach the centre.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import type { z } from 'zod';
import { badRequest, BRIDGE_ROUTES, BRIDGE_TOKEN_HEADER, callBridge, printResultSchema, type Bridge, type BridgeMethod } from '../../shared/bridge/bridge.ts';
import { callSetup, SETUP_ROUTES, setupBadRequest, setupOkResultSchema, type SetupBridge, type SetupMethod } from '../../shared/bridge/setup-bridge.ts';
import { contentSecurityPolicy } from '../content-security-policy.ts';
import { describeZodError } from '../services/bridge-service.ts';

/** A request's body limit unless its route sets its own (printReport). */
export const MAX_BODY_BYTES = 64 * 1024;

export type WebHostOptions = {
  rendererDir: string;
  port?: number;
} & (
  | {
      service: Bridge;
      /** Origin of the central server, allowed in connect-src. */
      centralOrigin: string;
      setup?: undefined;
    }
  | {
      /** First run: the wizard's service, until openDesk(). */
      setup: SetupBridge;
      service?: undefined;
      centralOrigin?: undefined;
    }
);

/** The pages of the first-run wizard: served only while the host has no desk. */
const SETUP_PAGE = '/setup.html';

export type WebHost = {
  port: number;
  /** The address the server listens on: always 127.0.0.1. */
  address: string;
  token: string;
  url: string;
  /** Leaves setup for the desk: from now on `/` is the app and the Bridge answers (once; later calls throw). */
  openDesk(service: Bridge, centralOrigin: string): void;
  close(): Promise<void>;
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function sameToken(given: string | string[] | undefined, expected: Buffer): boolean {
  if (typeof given !== 'string') return false;
  const g = Buffer.from(given);
  // timingSafeEqual needs equal lengths; the length of a random token is no secret.
  return g.length === expected.length && timingSafeEqual(g, expected);
}

function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(new HttpError(413, `request body is larger than ${limit} bytes`));
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new HttpError(413, `request body is larger than ${limit} bytes`));
        req.pause();
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolveBody(text === '' ? undefined : JSON.parse(text));
      } catch {
        reject(new HttpError(400, 'request body is not valid JSON'));
      }
    });
  });
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), ...extra });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value), { 'cache-control': 'no-store' });
}

/** Parses the answer with its schema before it leaves: a service bug becomes a 500, not bad data. */
function answer<T>(res: ServerResponse, schema: z.ZodType<T>, value: unknown, status = 200): void {
  const checked = schema.safeParse(value);
  if (checked.success) sendJson(res, status, checked.data);
  else sendJson(res, 500, { error: 'internal', message: `bridge answer failed validation: ${describeZodError(checked.error)}` });
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { rendererDir, port = 0 } = options;
  const root = await realpath(resolve(rendererDir));
  const token = randomBytes(32).toString('base64url');
  const expectedToken = Buffer.from(token);
  let desk: { service: Bridge; csp: string } | null = options.service ? { service: options.service, csp: contentSecurityPolicy(options.centralOrigin) } : null;
  const setup = options.setup ?? null;
  // The wizard's page talks to this host only: no centre in its connect-src.
  const setupCsp = contentSecurityPolicy();
  let allowedHosts: Set<string> = new Set();

  async function serveFile(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed', { allow: 'GET, HEAD' });
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname === '/' ? (desk ? '/index.html' : SETUP_PAGE) : pathname);
    } catch {
      return send(res, 400, 'text/plain; charset=utf-8', 'bad path');
    }
    const notFound = () => send(res, 404, 'text/plain; charset=utf-8', 'not found');
    if (decoded.includes('\0')) return notFound();
    // A configured desk has no wizard: the page would offer to enrol it again.
    if (desk && decoded === SETUP_PAGE) return notFound();
    // The resolved file, with symlinks followed, must stay inside the renderer folder.
    let file: string;
    try {
      file = await realpath(resolve(root, `.${decoded}`));
    } catch {
      return notFound();
    }
    if (!file.startsWith(root + sep)) return notFound();
    const info = await stat(file);
    if (!info.isFile()) return notFound();
    const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    const headers: Record<string, string> = { 'content-type': type, 'content-length': String(info.size), 'cache-control': 'no-cache' };
    if (type.startsWith('text/html')) headers['content-security-policy'] = desk ? desk.csp : setupCsp;
    res.writeHead(200, headers);
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file).pipe(res);
  }

  type Route = { path: string; method: string; request: z.ZodType<unknown> | null; response: z.ZodType<unknown>; maxBodyBytes?: number };

  /** One call of a route table: token, method, content type and body checked, the answer checked against its schema. */
  async function serveCall(req: IncomingMessage, res: ServerResponse, route: Route, call: (request: unknown) => Promise<unknown>, refuse: (message: string) => unknown, refusalSchema: z.ZodType<unknown>): Promise<void> {
    if (!sameToken(req.headers[BRIDGE_TOKEN_HEADER], expectedToken)) return sendJson(res, 401, { error: 'unauthorized', message: `missing or wrong ${BRIDGE_TOKEN_HEADER}` });
    if (req.method !== route.method) return send(res, 405, 'application/json; charset=utf-8', JSON.stringify({ error: 'method-not-allowed' }), { allow: route.method });
    if (route.request === null) return answer(res, route.response, await call(undefined));
    const contentType = req.headers['content-type'] ?? '';
    if (!/^application\/json\b/i.test(contentType)) return answer(res, refusalSchema, refuse('content-type must be application/json'), 400);
    const parsed = route.request.safeParse(await readJsonBody(req, route.maxBodyBytes ?? MAX_BODY_BYTES));
    if (!parsed.success) return answer(res, refusalSchema, refuse(describeZodError(parsed.error)), 400);
    return answer(res, route.response, await call(parsed.data));
  }

  async function serveBridge(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    const route = Object.entries(BRIDGE_ROUTES).find(([, r]) => r.path === pathname);
    if (!route) return sendJson(res, 404, { error: 'not-found', message: `no bridge route ${pathname}` });
    const [name, spec] = route as [BridgeMethod, Route];
    if (!desk) {
      if (!sameToken(req.headers[BRIDGE_TOKEN_HEADER], expectedToken)) return sendJson(res, 401, { error: 'unauthorized', message: `missing or wrong ${BRIDGE_TOKEN_HEADER}` });
      return sendJson(res, 503, { ok: false, error: 'not-enrolled', message: 'this desk is not set up yet: finish the setup wizard at /' });
    }
    const { service } = desk;
    return serveCall(req, res, spec, (request) => callBridge(service, name, request), badRequest, printResultSchema);
  }

  async function serveSetup(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    const route = setup && Object.entries(SETUP_ROUTES).find(([, r]) => r.path === pathname);
    if (!setup || !route) return sendJson(res, 404, { error: 'not-found', message: `no setup route ${pathname}` });
    const [name, spec] = route as [SetupMethod, Route];
    return serveCall(req, res, spec, (request) => callSetup(setup, name, request), setupBadRequest, setupOkResultSchema);
  }

  const server = createServer((req, res) => {
    // Applied to every answer: no MIME sniffing, no referrer leaking the page's URL anywhere.
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    void (async () => {
      // DNS rebinding: a foreign name that resolves to 127.0.0.1 still carries its own Host.
      if (!allowedHosts.has(req.headers.host ?? '')) return send(res, 403, 'text/plain; charset=utf-8', 'forbidden host');
      const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (pathname.startsWith('/bridge/')) return serveBridge(req, res, pathname);
      if (pathname.startsWith('/setup/')) return serveSetup(req, res, pathname);
      return serveFile(req, res, pathname);
    })().catch((err: unknown) => {
      const status = err instanceof HttpError ? err.status : 500;
      const message = err instanceof HttpError ? err.message : 'internal error';
      if (res.headersSent) return void res.destroy();
      if (status === 413) res.setHeader('connection', 'close'); // the rest of the body is not read
      if (status >= 500) process.stderr.write(`web host: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      sendJson(res, status, status === 400 ? badRequest(message) : { error: status === 413 ? 'too-large' : 'internal', message });
    });
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('web host has no TCP address');
  allowedHosts = new Set([`127.0.0.1:${address.port}`, `localhost:${address.port}`]);

  return {
    port: address.port,
    address: address.address,
    token,
    url: `http://127.0.0.1:${address.port}/#token=${token}`,
    openDesk(service, centralOrigin) {
      if (desk) throw new Error('the web host has a desk already');
      desk = { service, csp: contentSecurityPolicy(centralOrigin) };
    },
    close: () =>
      new Promise<void>((resolveClose) => {
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}
