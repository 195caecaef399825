import Fastify, { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { COLLECTION_NAMES, isCollectionName, PULL_LIMIT_MAX, SYNC_PREFIX } from '../shared/sync/replication.ts';
import type { Db } from './db/db.ts';
import { createChangeFeed } from './sync/changes.ts';
import { registerAccessControl, deviceOf } from './http/access.ts';
import { registerErrorAnswers } from './http/errors.ts';
import { loggerOptions, type LoggerOption } from './http/logging.ts';
import { DEFAULT_RATE_LIMITS, registerRateLimits, type RateLimits } from './http/rate-limit.ts';
import { registerDeviceAdminRoutes } from './admin/device-admin-routes.ts';
import { registerDeviceEnrolRoutes } from './keys/device-enrol-routes.ts';
import { DEVICE_ENROL_PATH } from '../shared/devices/enrolment.ts';
import { registerAdminRoutes } from './admin/admin-routes.ts';
import { registerUserRoutes } from './users/user-routes.ts';
import { registerAuditRoutes } from './audit/audit-routes.ts';
import { pushAppendOnly } from './sync/push-append-only.ts';
import { registerBlankStateRoutes } from './blanks/blank-state-routes.ts';
import { registerEnrolRoutes } from './keys/enrol-routes.ts';
import { registerDeviceSettingsRoutes } from './devices/device-settings-routes.ts';
import { isAppendOnly, pullSinceJson } from './sync/store.ts';
import { openResyncStream } from './sync/stream.ts';

/**
 * Desks run on other origins (the web host's 127.0.0.1 port, Electron's file://). Sync is authorised
 * by a bearer token, never a cookie, so any origin may call it.
 */
const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'authorization, content-type',
  'access-control-max-age': '600',
};

const pullQuerySchema = z.object({
  seq: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(PULL_LIMIT_MAX).default(1000),
});

/** The largest body any route takes unless it says otherwise (a push of PUSH_BATCH_MAX rows fits). */
export const BODY_LIMIT = 2 * 1024 * 1024;

/**
 * `adminPageDir`: the built /admin page (dist/admin); without it only the admin API is served.
 * `logger`: pino's, IINs and tokens masked (http/logging.ts). `rateLimits`: per instance, generous by
 * default (http/rate-limit.ts); false turns them off (tests that hammer one route on purpose).
 */
export type ServerOptions = { db: Db; logger?: LoggerOption; adminPageDir?: string; rateLimits?: Partial<RateLimits> | false };

export function buildServer({ db, logger = false, adminPageDir, rateLimits = {} }: ServerOptions): FastifyInstance {
  const app = Fastify({ logger: loggerOptions(logger), bodyLimit: BODY_LIMIT });
  const feed = createChangeFeed(db);
  const streams = new Set<() => void>();

  app.addHook('onRequest', async (req, reply) => {
    // The admin page is same-origin only: no CORS for it, whatever a desk needs.
    if (req.url.startsWith('/admin')) return;
    reply.headers(CORS_HEADERS);
    if (req.method === 'OPTIONS') return reply.code(204).send();
  });
  // Then the limits (before any token is looked up), then who may call the route.
  const limiter = rateLimits === false ? null : registerRateLimits(app, { ...DEFAULT_RATE_LIMITS, ...rateLimits }, (req) => req.method === 'POST' && req.routeOptions.url === DEVICE_ENROL_PATH);
  registerAccessControl(app, db, (req, status) => {
    if (status === 401) limiter?.refused(req);
  });
  registerErrorAnswers(app);
  // Open streams would keep close() waiting for ever.
  app.addHook('preClose', async () => {
    for (const close of streams) close();
  });
  app.addHook('onReady', () => feed.ready());
  app.addHook('onClose', () => feed.close());

  app.get('/health', { config: { access: 'public' } }, async () => {
    await db.query('SELECT 1');
    return { ok: true, database: db.kind };
  });

  registerEnrolRoutes(app, db);
  registerDeviceEnrolRoutes(app, db);
  registerBlankStateRoutes(app, db);
  registerDeviceSettingsRoutes(app, db);
  registerDeviceAdminRoutes(app, db);
  registerAdminRoutes(app, { db, notify: (collection) => feed.notify(collection), pageDir: adminPageDir ?? null });
  registerUserRoutes(app, { db, notify: (collection) => feed.notify(collection) });
  registerAuditRoutes(app, db);

  const device = { config: { access: 'device' as const } };
  const unknownCollection = { error: 'unknown-collection', message: `collections: ${COLLECTION_NAMES.join(', ')}` };

  app.get<{ Params: { collection: string } }>(`${SYNC_PREFIX}/:collection/pull`, device, async (req, reply) => {
    const device = deviceOf(req);
    const { collection } = req.params;
    if (!isCollectionName(collection)) return reply.code(404).send(unknownCollection);
    const q = pullQuerySchema.safeParse(req.query);
    if (!q.success) return reply.code(400).send({ error: 'invalid-query', issues: q.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
    const body = await pullSinceJson(db, collection, q.data.seq, q.data.limit, device.checkpointId, device.deskId);
    return reply.type('application/json; charset=utf-8').send(body);
  });

  app.post<{ Params: { collection: string } }>(`${SYNC_PREFIX}/:collection/push`, device, async (req, reply) => {
    const device = deviceOf(req);
    const { collection } = req.params;
    if (!isCollectionName(collection)) return reply.code(404).send(unknownCollection);
    if (!isAppendOnly(collection)) return reply.code(403).send({ error: 'read-only', message: `${collection} are written by the centre only` });
    const outcome = await pushAppendOnly(db, collection, device, req.body);
    if (!outcome.ok) return reply.code(400).send({ error: 'invalid-push', message: outcome.issues.slice(0, 5).map((i) => `${i.row === null ? '' : `row ${i.row} `}${i.path}: ${i.message}`).join('; '), issues: outcome.issues });
    if (outcome.inserted + outcome.republished > 0) await feed.notify(collection);
    if (outcome.alerts > 0) await feed.notify('alerts');
    return outcome.conflicts;
  });

  // One stream for every collection, each burst named: what a desk opens (see openResyncStream).
  app.get(`${SYNC_PREFIX}/stream`, device, async (_req, reply) => {
    reply.hijack();
    const close = openResyncStream(reply.raw, COLLECTION_NAMES, feed, CORS_HEADERS);
    streams.add(close);
    reply.raw.on('close', () => streams.delete(close));
  });

  app.get<{ Params: { collection: string } }>(`${SYNC_PREFIX}/:collection/stream`, device, async (req, reply) => {
    const { collection } = req.params;
    if (!isCollectionName(collection)) return reply.code(404).send(unknownCollection);
    reply.hijack();
    const close = openResyncStream(reply.raw, collection, feed, CORS_HEADERS);
    streams.add(close);
    reply.raw.on('close', () => streams.delete(close));
  });

  return app;
}
