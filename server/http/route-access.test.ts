/**
 * Every route the server registers, walked with every kind of token: public only on the allow-list, and
 * each closed route refusing no token, an unknown token, a revoked one, and a token of the wrong role.
 * A route added later is walked too: if it answers without a token it must be on the allow-list.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_LEVELS, registeredRoutes, type Access, type RouteEntry } from './access.ts';
import { buildServer } from '../app.ts';
import type { Db } from '../db/db.ts';
import { registerDevice } from '../sync/devices.ts';
import { TEST_DATABASES, type TestDatabase } from '../testing/test-databases.ts';

/** The only routes anyone may call without a token. */
const PUBLIC_ROUTES = ['GET /health', 'GET /keys/v1/centre', 'POST /enrol/v1/device', 'GET /admin', 'GET /admin/*'];

const TOKENS = {
  desk: 'route-walk-desk-token-0123456789',
  supervisor: 'route-walk-supervisor-token-0123456789',
  admin: 'route-walk-admin-token-0123456789',
  revokedDesk: 'route-walk-revoked-desk-0123456789',
  revokedSupervisor: 'route-walk-revoked-supervisor-0123456789',
  revokedAdmin: 'route-walk-revoked-admin-0123456789',
  unknown: 'route-walk-never-registered-0123456789',
} as const;
type TokenName = keyof typeof TOKENS;

/** A concrete URL for a route pattern: parameters filled with values the handlers know. */
function concreteUrl(url: string): string {
  return url.replace(':collection', 'crossings').replace(':kind', 'monthly-blank-report').replace('*', 'index.html').replace(/:(\w+)/g, 'x');
}

/** Which tokens a route of this access must refuse (401 or 403), and which one it must let through. */
const EXPECT: Record<Exclude<Access, 'public'>, { refused: TokenName[]; allowed: TokenName }> = {
  device: { refused: ['unknown', 'revokedDesk', 'revokedSupervisor', 'admin', 'revokedAdmin'], allowed: 'desk' },
  supervisor: { refused: ['unknown', 'desk', 'revokedDesk', 'revokedSupervisor', 'admin', 'revokedAdmin'], allowed: 'supervisor' },
  admin: { refused: ['unknown', 'desk', 'supervisor', 'revokedDesk', 'revokedSupervisor', 'revokedAdmin'], allowed: 'admin' },
};

/** Routes that stream for ever once let in: their positive case is not injected (only refusals are). */
const STREAMS = new Set(['/sync/v1/stream', '/sync/v1/:collection/stream']);

type Finding = string;

/** Walks every registered route; returns what is wrong, one line per problem. */
async function walkRoutes(app: FastifyInstance, only?: (route: RouteEntry) => boolean): Promise<Finding[]> {
  const findings: Finding[] = [];
  const all = registeredRoutes(app).filter((r) => r.method !== 'HEAD' || !registeredRoutes(app).some((g) => g.method === 'GET' && g.url === r.url));
  const routes = only ? all.filter(only) : all;
  const heads = registeredRoutes(app).filter((r) => r.method === 'HEAD');
  const call = (route: RouteEntry, token: TokenName | null, method = route.method) =>
    app.inject({ method: method as 'GET', url: concreteUrl(route.url), headers: token ? { authorization: `Bearer ${TOKENS[token]}` } : {}, ...(method === 'POST' ? { payload: {} } : {}) });
  for (const route of routes) {
    const name = `${route.method} ${route.url}`;
    if (route.access === 'public') {
      if (!PUBLIC_ROUTES.includes(name)) findings.push(`${name} is public but not on the allow-list`);
      const res = await call(route, null);
      // The access check's own refusal (enrolment may still refuse the empty code with 401 invalid-code).
      const refusedByCheck = (res.statusCode === 401 || res.statusCode === 403) && ['unauthorized', 'forbidden'].includes(res.json().error);
      if (refusedByCheck) findings.push(`${name} is on the allow-list but refuses no token (${res.statusCode})`);
      continue;
    }
    for (const method of [route.method, ...(heads.some((h) => h.url === route.url) && route.method === 'GET' ? ['HEAD'] : [])]) {
      const none = await call(route, null, method);
      if (none.statusCode !== 401) findings.push(`${method} ${route.url} without a token answered ${none.statusCode}, not 401`);
      for (const token of EXPECT[route.access].refused) {
        const res = await call(route, token, method);
        const ok = token.startsWith('revoked') || token === 'unknown' ? res.statusCode === 401 : res.statusCode === 401 || res.statusCode === 403;
        if (!ok) findings.push(`${method} ${route.url} with a ${token} token answered ${res.statusCode}`);
      }
      if (STREAMS.has(route.url)) continue;
      const allowed = await call(route, EXPECT[route.access].allowed, method);
      if (allowed.statusCode === 401 || allowed.statusCode === 403) findings.push(`${method} ${route.url} refuses its own role (${EXPECT[route.access].allowed}): ${allowed.statusCode}`);
    }
  }
  // Every allow-listed route is really registered (a renamed route would slip through otherwise).
  for (const name of PUBLIC_ROUTES) if (!all.some((r) => `${r.method} ${r.url}` === name)) findings.push(`allow-listed ${name} is not registered`);
  return findings;
}

/** A database with one device of each kind, some revoked. */
async function openWithTokens(database: TestDatabase): Promise<{ db: Db; drop(): Promise<void> }> {
  const { db, drop } = await database.open();
  await registerDevice(db, TOKENS.desk, { checkpointId: 'dostyk-avto', deskId: 'dostyk-avto-1' });
  await registerDevice(db, TOKENS.supervisor, { checkpointId: 'dostyk-avto', deskId: 'dostyk-avto-s', role: 'supervisor' });
  await registerDevice(db, TOKENS.admin, { checkpointId: 'centre', deskId: 'admin', role: 'admin' });
  await registerDevice(db, TOKENS.revokedDesk, { checkpointId: 'dostyk-avto', deskId: 'dostyk-avto-2' });
  await registerDevice(db, TOKENS.revokedSupervisor, { checkpointId: 'dostyk-avto', deskId: 'dostyk-avto-3', role: 'supervisor' });
  await registerDevice(db, TOKENS.revokedAdmin, { checkpointId: 'centre', deskId: 'old-admin', role: 'admin' });
  await db.query(`UPDATE devices SET revoked_at = now() WHERE desk_id IN ('dostyk-avto-2', 'dostyk-avto-3', 'old-admin')`);
  return { db, drop };
}

describe.each(TEST_DATABASES)('access to every route on $name', (database) => {
  let db: Db;
  let drop: () => Promise<void>;
  let app: FastifyInstance;

  beforeAll(async () => {
    ({ db, drop } = await openWithTokens(database));
    // No limits here: the walk refuses hundreds of tokens from one address on purpose.
    app = buildServer({ db, rateLimits: false });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('knows every route and its access', () => {
    const routes = registeredRoutes(app);
    expect(routes.length).toBeGreaterThan(20);
    for (const r of routes) expect(ACCESS_LEVELS).toContain(r.access);
    expect(routes.filter((r) => r.access === 'public' && r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`).sort()).toEqual([...PUBLIC_ROUTES].sort());
  });

  it('refuses no token, unknown, revoked and wrong-role tokens on every closed route, and lets the right role in', async () => {
    expect(await walkRoutes(app)).toEqual([]);
  }, 120_000);
  // No route is supervisor-only: what only a supervisor station may do (receive, hand out, move stacks)
  // are blank event types, refused to desks inside the push (supervisor-and-shifts.test.ts).
});

describe('the walk itself', () => {
  it('fails for a route added without a declared access only if it answers without a token, and for any new public route', async () => {
    const { db, drop } = await openWithTokens(TEST_DATABASES[0]!);
    const app = buildServer({ db, rateLimits: false });
    // Forgotten access: closed by default (a desk's token needed), so the walk has nothing to say.
    app.get('/new/forgotten', async () => ({ secret: true }));
    // Declared public but not on the allow-list: found.
    app.get('/new/open', { config: { access: 'public' } }, async () => ({ secret: true }));
    await app.ready();
    expect((await app.inject({ url: '/new/forgotten' })).statusCode).toBe(401);
    expect(registeredRoutes(app)).toContainEqual({ method: 'GET', url: '/new/forgotten', access: 'device' });
    const findings = await walkRoutes(app, (r) => r.url.startsWith('/new/'));
    expect(findings).toEqual(['GET /new/open is public but not on the allow-list']);
    await app.close();
    await drop();
  }, 120_000);
});
