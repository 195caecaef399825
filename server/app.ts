import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { z } from 'zod';
import { COLLECTION_NAMES, isCollectionName, PULL_LIMIT_MAX, SYNC_PREFIX } from '../shared/sync/replication.ts';
import type { Db } from './db/db.ts';
import { createChangeFeed } from './sync/changes.ts';
import { findCheckpointDevice, type Device } from './sync/devices.ts';
import { registerAdminRoutes } from './admin/admin-routes.ts';
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

/** `adminPageDir`: the built /admin page (dist/admin); without it only the admin API is served. */
export type ServerOptions = { db: Db; logger?: boolean; adminPageDir?: string };

export function buildServer({ db, logger = false, adminPageDir }: ServerOptions): FastifyInstance {
  const app = Fastify({ logger, bodyLimit: 2 * 1024 * 1024 });
  const feed = createChangeFeed(db);
  const streams = new Set<() => void>();

  app.addHook('onRequest', async (req, reply) => {
    // The admin page is same-origin only: no CORS for it, whatever a desk needs.
    if (req.url.startsWith('/admin')) return;
    reply.headers(CORS_HEADERS);
    if (req.method === 'OPTIONS') return reply.code(204).send();
  });
  // Open streams would keep close() waiting for ever.
  app.addHook('preClose', async () => {
    for (const close of streams) close();
  });
  app.addHook('onReady', () => feed.ready());
  app.addHook('onClose', () => feed.close());
  app.setErrorHandler((err: { statusCode?: number; code?: string; message: string }, _req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) app.log.error(err);
    return reply.code(status).send({ error: status === 500 ? 'internal' : (err.code ?? 'bad-request'), message: status === 500 ? 'internal error' : err.message });
  });

  app.get('/health', async () => {
    await db.query('SELECT 1');
    return { ok: true, database: db.kind };
  });

  async function authorise(authorization: string | undefined, reply: FastifyReply): Promise<Device | null> {
    const device = await findCheckpointDevice(db, authorization);
    if (!device) void reply.code(401).send({ error: 'unauthorized', message: 'unknown or missing device token' });
    return device;
  }

  registerEnrolRoutes(app, db, (authorization) => findCheckpointDevice(db, authorization));
  registerBlankStateRoutes(app, db, (authorization) => findCheckpointDevice(db, authorization));
  registerDeviceSettingsRoutes(app, db, (authorization) => findCheckpointDevice(db, authorization));
  registerAdminRoutes(app, { db, notify: (collection) => feed.notify(collection), pageDir: adminPageDir ?? null });

  app.get<{ Params: { collection: string } }>(`${SYNC_PREFIX}/:collection/pull`, async (req, reply) => {
    const device = await authorise(req.headers.authorization, reply);
    if (!device) return reply;
    const { collection } = req.params;
    if (!isCollectionName(collection)) return reply.code(404).send({ error: 'unknown-collection' });
    const q = pullQuerySchema.safeParse(req.query);
    if (!q.success) return reply.code(400).send({ error: 'invalid-query', issues: q.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
    const body = await pullSinceJson(db, collection, q.data.seq, q.data.limit, device.checkpointId);
    return reply.type('application/json; charset=utf-8').send(body);
  });

  app.post<{ Params: { collection: string } }>(`${SYNC_PREFIX}/:collection/push`, async (req, reply) => {
    const device = await authorise(req.headers.authorization, reply);
    if (!device) return reply;
    const { collection } = req.params;
    if (!isCollectionName(collection)) return reply.code(404).send({ error: 'unknown-collection' });
    if (!isAppendOnly(collection)) return reply.code(403).send({ error: 'read-only', message: `${collection} are written by the centre only` });
    const outcome = await pushAppendOnly(db, collection, device, req.body);
    if (!outcome.ok) return reply.code(400).send({ error: 'invalid-push', issues: outcome.issues });
    if (outcome.inserted + outcome.republished > 0) await feed.notify(collection);
    if (outcome.alerts > 0) await feed.notify('alerts');
    return outcome.conflicts;
  });

  // One stream for every collection, each burst named: what a desk opens (see openResyncStream).
  app.get(`${SYNC_PREFIX}/stream`, async (req, reply) => {
    if (!(await authorise(req.headers.authorization, reply))) return reply;
    reply.hijack();
    const close = openResyncStream(reply.raw, COLLECTION_NAMES, feed, CORS_HEADERS);
    streams.add(close);
    reply.raw.on('close', () => streams.delete(close));
  });

  app.get<{ Params: { collection: string } }>(`${SYNC_PREFIX}/:collection/stream`, async (req, reply) => {
    if (!(await authorise(req.headers.authorization, reply))) return reply;
    const { collection } = req.params;
    if (!isCollectionName(collection)) return reply.code(404).send({ error: 'unknown-collection' });
    reply.hijack();
    const close = openResyncStream(reply.raw, collection, feed, CORS_HEADERS);
    streams.add(close);
    reply.raw.on('close', () => streams.delete(close));
  });

  return app;
}
