import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { metaPolicyProblems } from '../../test/support/csp.ts';
import { contentSecurityPolicy } from '../content-security-policy.ts';
import { SETUP_ROUTES, type SetupBridge } from '../../shared/bridge/setup-bridge.ts';
import { createIpcPair } from '../../test/support/ipc-pair.ts';
import { ownRendererPage } from '../ipc-handlers.ts';
import type { HeadersDetails } from '../security/lock-session.ts';
import { registerSetupHandlers } from './setup-ipc.ts';
import { createSetupPreloadApi } from './setup-preload-api.ts';
import { isSetupRequestAllowed, lockDownSetupSession, type SetupLockableSession } from './setup-session.ts';

const HTML = '/opt/shekara/dist/renderer/setup-electron.html';

function fakeService() {
  const calls: [string, unknown][] = [];
  const service: SetupBridge = {
    describe: async () => (calls.push(['describe', undefined]), { version: '1.0.0', platform: 'electron', dataDir: '/d', profileDir: '/p', defaults: { serverUrl: '' } }),
    checkServer: async (r) => (calls.push(['checkServer', r]), { ok: true, serverUrl: r.serverUrl, centreKeys: 1 }),
    enrol: async (r) => (calls.push(['enrol', r]), { ok: false, error: 'invalid-code', message: 'the enrolment code is not valid' }),
    start: async () => (calls.push(['start', undefined]), { ok: true }),
  };
  return { service, calls };
}

describe('setup IPC handlers', () => {
  it('answer the wizard page only: the desk page or any other frame is refused before the service', async () => {
    const { service, calls } = fakeService();
    for (const url of ['file:///opt/shekara/dist/renderer/electron.html', 'https://evil.example/setup-electron.html', 'file:///tmp/setup-electron.html']) {
      const { ipcMain, invoke } = createIpcPair(url);
      registerSetupHandlers(ipcMain, service, ownRendererPage(HTML));
      const api = createSetupPreloadApi(invoke);
      await expect(api.describe(), url).rejects.toThrow(/untrusted frame/);
      await expect(api.enrol({ serverUrl: 'https://c.kz', code: 'ABCD-EFGH-JKMN' }), url).rejects.toThrow(/untrusted frame/);
    }
    expect(calls).toEqual([]);
  });

  it('validate payloads: a refused address, a missing or extra argument is bad-request and never reaches the service', async () => {
    const { service, calls } = fakeService();
    const { ipcMain, invoke } = createIpcPair(`file://${HTML}#step`);
    const channels = registerSetupHandlers(ipcMain, service, ownRendererPage(HTML));
    expect(channels.sort()).toEqual(Object.values(SETUP_ROUTES).map((r) => r.channel).sort());
    const api = createSetupPreloadApi(invoke);

    expect(await api.checkServer({ serverUrl: 'http://centre.example.kz' })).toMatchObject({ ok: false, error: 'bad-request', message: expect.stringMatching(/not-https/) });
    expect(await api.checkServer({ serverUrl: 'https://c.kz/admin' })).toMatchObject({ ok: false, error: 'bad-request' });
    expect(await api.checkServer()).toMatchObject({ ok: false, error: 'bad-request' });
    expect(await invoke(SETUP_ROUTES.enrol.channel, { serverUrl: 'https://c.kz', code: 'x' }, 'more')).toMatchObject({ ok: false, error: 'bad-request' });
    expect(await api.enrol({ serverUrl: 'https://c.kz', code: 'x'.repeat(41) })).toMatchObject({ ok: false, error: 'bad-request' });
    await expect(invoke(SETUP_ROUTES.start.channel, 'arg')).rejects.toThrow(/no arguments/);
    expect(calls).toEqual([]);

    // Valid ones arrive normalised, with unknown keys stripped.
    expect(await api.checkServer({ serverUrl: 'https://c.kz:8443/', extra: 1 })).toEqual({ ok: true, serverUrl: 'https://c.kz:8443', centreKeys: 1 });
    expect(await api.enrol({ serverUrl: 'http://127.0.0.1:8787', code: 'abcd-efgh-jkmn' })).toMatchObject({ ok: false, error: 'invalid-code' });
    expect(await api.describe()).toMatchObject({ platform: 'electron', dataDir: '/d' });
    expect(await api.start()).toEqual({ ok: true });
    expect(calls).toEqual([
      ['checkServer', { serverUrl: 'https://c.kz:8443' }],
      ['enrol', { serverUrl: 'http://127.0.0.1:8787', code: 'abcd-efgh-jkmn' }],
      ['describe', undefined],
      ['start', undefined],
    ]);
  });

  it('the setup preload exposes exactly the setup methods, nothing of the desk Bridge', () => {
    expect(Object.keys(createSetupPreloadApi(async () => null)).sort()).toEqual(Object.keys(SETUP_ROUTES).sort());
  });

  it('the setup preload bundle requires nothing but electron (a sandboxed preload can load no other module)', async () => {
    const { build } = await import('esbuild');
    const out = await build({ entryPoints: ['electron/setup/setup-preload.ts'], bundle: true, platform: 'node', format: 'cjs', packages: 'external', external: ['electron'], write: false, logLevel: 'silent' });
    const requires = [...out.outputFiles[0]!.text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(new Set(requires)).toEqual(new Set(['electron']));
  });
});

describe('the session while the wizard is open', () => {
  it('loads our files only: no centre, no web, every permission refused, our policy without a centre', () => {
    for (const url of ['file:///opt/shekara/dist/renderer/setup-electron.html', 'data:,', 'devtools://devtools/bundled/x.html']) expect(isSetupRequestAllowed(url), url).toBe(true);
    for (const url of ['https://centre.example.kz/keys/v1/centre', 'http://127.0.0.1:8787/', 'blob:null/1', 'ws://x', 'not a url']) expect(isSetupRequestAllowed(url), url).toBe(false);

    const seen: Record<string, unknown> = {};
    const ses: SetupLockableSession = {
      setPermissionRequestHandler: (h) => h(null, 'media', (granted) => (seen.request = granted)),
      setPermissionCheckHandler: (h) => (seen.check = h(null, 'serial')),
      setDevicePermissionHandler: (h) => (seen.device = h({})),
      setDisplayMediaRequestHandler: (h) => h({}, (streams) => (seen.display = streams)),
      webRequest: {
        onBeforeRequest: (h) => h({ url: 'https://evil.example/' }, (r) => (seen.cancel = r.cancel)),
        onHeadersReceived: (h) => h({ url: 'file:///x', responseHeaders: { 'Content-Type': ['text/html'] } } satisfies HeadersDetails, (r) => (seen.headers = r.responseHeaders)),
      },
    };
    lockDownSetupSession(ses);
    expect(seen).toMatchObject({ request: false, check: false, device: false, display: null, cancel: true });
    const csp = (seen.headers as Record<string, string[]>)['Content-Security-Policy']![0]!;
    expect(csp).toContain("connect-src 'self';");
    expect(csp).not.toMatch(/https?:/);
  });
});

describe('the wizard page in Electron', () => {
  it('carries the policy without a centre in its <meta> (file:// has no headers)', async () => {
    const html = await readFile(join(import.meta.dirname, '../../renderer/setup-electron.html'), 'utf8');
    expect(metaPolicyProblems(html, contentSecurityPolicy())).toEqual([]);
    expect(html).toContain("connect-src 'self';");
  });
});
