/**
 * Who may call a route, declared on the route itself (`config: { access }`) and checked in one place
 * before any handler runs. A route that declares nothing is closed, never open: /admin/api/… needs the
 * administrator, anything else a desk. Public is only ever said out loud, and route-access.test.ts walks
 * every registered route against its allow-list of public routes and the tokens each must refuse.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/db.ts';
import { findDevice, type Device } from '../sync/devices.ts';

/**
 * public: anyone (health, the centre's public keys, enrolment with a one-time code, the admin page's files).
 * device: a desk or supervisor station. supervisor: a supervisor station only. admin: the central administrator.
 */
export const ACCESS_LEVELS = ['public', 'device', 'supervisor', 'admin'] as const;
export type Access = (typeof ACCESS_LEVELS)[number];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    /** The device the bearer token belongs to, set by the access check (null on public routes). */
    device: Device | null;
  }
}

export type RouteEntry = { method: string; url: string; access: Access };

const routesByApp = new WeakMap<FastifyInstance, RouteEntry[]>();

/** Every route registered on this server with its access, in registration order (for route-access.test.ts). */
export function registeredRoutes(app: FastifyInstance): RouteEntry[] {
  return [...(routesByApp.get(app) ?? [])];
}

/** The request's device; for handlers of non-public routes, where the access check has set it. */
export function deviceOf(req: FastifyRequest): Device {
  if (!req.device) throw new Error(`no device on ${req.method} ${req.url}: the route is not behind the access check`);
  return req.device;
}

const refuse = {
  401: { error: 'unauthorized', message: 'unknown, revoked or missing token' },
  403: { error: 'forbidden', message: 'this token may not call this route' },
} as const;

/** What a route that says nothing gets: the administrator under /admin/api, a desk anywhere else. */
function closedAccess(url: string): Access {
  return url.startsWith('/admin/api') ? 'admin' : 'device';
}

/** Must be called before any route is registered. */
export function registerAccessControl(app: FastifyInstance, db: Db, onRefused?: (req: FastifyRequest, status: 401 | 403) => void): void {
  const routes: RouteEntry[] = [];
  routesByApp.set(app, routes);
  app.decorateRequest('device', null);

  app.addHook('onRoute', (route) => {
    const declared = (route.config as { access?: unknown } | undefined)?.access;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (declared !== undefined && !(ACCESS_LEVELS as readonly unknown[]).includes(declared)) throw new Error(`route ${methods.join(',')} ${route.url}: access must be ${ACCESS_LEVELS.join(' | ')}`);
    const access = (declared as Access | undefined) ?? closedAccess(route.url);
    // The check below reads the route's config: an undeclared route gets the closed default written in.
    route.config = { ...(route.config as object), access };
    for (const method of methods) routes.push({ method, url: route.url, access });
  });

  app.addHook('onRequest', async (req, reply) => {
    // No route matched: the not-found handler answers, and it reveals nothing.
    if (!req.routeOptions.url) return;
    const access = req.routeOptions.config.access ?? closedAccess(req.routeOptions.url);
    if (access === 'public') return;
    const device = await findDevice(db, req.headers.authorization);
    // The administrator's token is not a device's: sync and enrolment do not know it at all.
    if (!device || (access !== 'admin' && device.role === 'admin')) {
      onRefused?.(req, 401);
      return reply.code(401).send(refuse[401]);
    }
    const allowed = access === 'admin' ? device.role === 'admin' : access === 'supervisor' ? device.role === 'supervisor' : true;
    if (!allowed) {
      onRefused?.(req, 403);
      return reply.code(403).send(refuse[403]);
    }
    req.device = device;
  });
}
