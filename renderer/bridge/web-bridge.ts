/**
 * The Bridge in a browser: calls the web host on this machine with the per-launch token it printed
 * in the URL fragment (a fragment never reaches a server log or a Referer header).
 */
import type { z } from 'zod';
import { BRIDGE_METHODS, BRIDGE_ROUTES, BRIDGE_TOKEN_HEADER, type Bridge } from '../../shared/bridge/bridge.ts';

const STORAGE_KEY = 'shekara.launchToken';

export type LaunchTokenPlace = {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  sessionStorage: Pick<Storage, 'getItem' | 'setItem'>;
  history: Pick<History, 'replaceState' | 'state'>;
};

/**
 * The token from `#token=…`, kept in sessionStorage so a reload still works, and taken out of the
 * address bar so it is not copied, bookmarked or shown on a shared screen.
 */
export function readLaunchToken(place: LaunchTokenPlace = globalThis as unknown as LaunchTokenPlace): string {
  const fromHash = new URLSearchParams(place.location.hash.replace(/^#/, '')).get('token');
  if (fromHash) {
    place.sessionStorage.setItem(STORAGE_KEY, fromHash);
    place.history.replaceState(place.history.state, '', place.location.pathname + place.location.search);
    return fromHash;
  }
  const stored = place.sessionStorage.getItem(STORAGE_KEY);
  if (stored) return stored;
  throw new Error('No launch token: open the app with the exact address the web host printed (it ends with #token=…).');
}

export type WebBridgeOptions = { token: string; baseUrl?: string; fetch?: typeof fetch };

/** One call to the web host: the token in its header, the answer checked against the route's schema. */
export async function callWebHost<T>(opts: WebBridgeOptions, route: { path: string; method: string }, schema: z.ZodType<T>, body?: unknown): Promise<T> {
  const { token, baseUrl = globalThis.location.origin, fetch: doFetch = globalThis.fetch.bind(globalThis) } = opts;
  const headers: Record<string, string> = { [BRIDGE_TOKEN_HEADER]: token };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await doFetch(new URL(route.path, baseUrl), {
    method: route.method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
  });
  let json: unknown;
  try {
    json = await res.json();
  } catch {
    throw new Error(`web host answered ${res.status} to ${route.path} without JSON`);
  }
  // A 400 on printTestText carries a valid PrintResult (bad-request): an answer, not a failure.
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const message = (json as { message?: unknown } | null)?.message;
  throw new Error(`web host answered ${res.status} to ${route.path}: ${typeof message === 'string' ? message : 'unexpected answer'}`);
}

export function createWebBridge(opts: WebBridgeOptions): Bridge {
  // One function per method of the shared table; answers are checked against the method's schema.
  const entries = BRIDGE_METHODS.map((name) => {
    const route = BRIDGE_ROUTES[name];
    return [name, (request?: unknown) => callWebHost(opts, route, route.response as z.ZodType<unknown>, route.request === null ? undefined : request)];
  });
  return Object.fromEntries(entries) as Bridge;
}
