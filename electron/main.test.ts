/**
 * main.ts wires the hardening in: the Electron binary cannot run here, so electron is replaced by fakes
 * at its seams (app, session, BrowserWindow, ipcMain) and the test checks what main.ts did with them.
 */
import { EventEmitter } from 'node:events';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { BRIDGE_ROUTES, type Bridge } from '../shared/bridge/bridge.ts';
import { contentSecurityPolicy } from './content-security-policy.ts';
import { SECURE_WEB_PREFERENCES } from './security/web-preferences.ts';

const fake = vi.hoisted(() => {
  const handlers = new Map<string, unknown>();
  const sessionHandlers: Record<string, unknown> = {};
  const windows: { options: unknown; loaded: string[]; listeners: Map<string, (...args: unknown[]) => void> }[] = [];
  return { handlers, sessionHandlers, windows, appListeners: new Map<string, (...args: unknown[]) => void>() };
});

vi.mock('electron', () => {
  const record = (name: string) => (handler: unknown) => void (fake.sessionHandlers[name] = handler);
  const sessionEvents = new Map<string, unknown>();
  return {
    app: {
      requestSingleInstanceLock: () => true,
      on: (event: string, listener: (...args: unknown[]) => void) => void fake.appListeners.set(event, listener),
      whenReady: () => Promise.resolve(),
      getVersion: () => '0.1.0',
      getPath: () => '/tmp/shekara-main-test',
      quit: () => undefined,
      exit: () => undefined,
      isPackaged: false,
      setAppUserModelId: (id: string) => void (fake.sessionHandlers.appUserModelId = id),
      setLoginItemSettings: (settings: unknown) => void (fake.sessionHandlers.loginItem = settings),
    },
    Menu: { setApplicationMenu: (menu: unknown) => void (fake.sessionHandlers.menu = menu === null ? 'none' : menu) },
    dialog: { showErrorBox: (_t: string, message: string) => void (fake.sessionHandlers.error = message) },
    ipcMain: { handle: (channel: string, listener: unknown) => void fake.handlers.set(channel, listener) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: record('request'),
        setPermissionCheckHandler: record('check'),
        setDevicePermissionHandler: record('device'),
        setDisplayMediaRequestHandler: record('displayMedia'),
        on: (event: string, listener: unknown) => void sessionEvents.set(event, listener),
        webRequest: { onBeforeRequest: record('beforeRequest'), onHeadersReceived: record('headers') },
      },
    },
    BrowserWindow: class {
      private readonly entry: { options: unknown; loaded: string[]; listeners: Map<string, (...args: unknown[]) => void> };
      constructor(options: unknown) {
        this.entry = { options, loaded: [], listeners: new Map() };
        fake.windows.push(this.entry);
      }
      once() {}
      on(event: string, listener: (...args: unknown[]) => void) {
        this.entry.listeners.set(event, listener);
      }
      loadFile(path: string) {
        this.entry.loaded.push(path);
        return Promise.resolve();
      }
    },
  };
});

vi.mock('./services/desk-config.ts', () => ({
  readDeskConfig: () => ({ serverUrl: 'https://central.example.kz:8443/api', deviceToken: 'x'.repeat(32), checkpointId: 'dostyk-avto', deskId: 'dostyk-avto-1', role: 'desk' }),
  serverOrigin: (c: { serverUrl: string }) => new URL(c.serverUrl).origin,
}));

// An enrolled desk: the first-run wizard (setup/setup-window.ts) has its own tests.
vi.mock('./services/setup-service.ts', () => ({ deskNeedsSetup: () => false }));

vi.mock('./services/desk-services.ts', () => ({
  startDeskServices: async () => ({ service: new Proxy({} as Bridge, { get: () => async () => ({ ok: true }) }) }),
}));

beforeAll(async () => {
  delete process.env.SHEKARA_TECHNICIAN_VERIFIER;
  process.env.SHEKARA_KIOSK = '1';
  await import('./main.ts');
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
});

describe('main.ts wiring', () => {
  it('hardens every web contents it creates', () => {
    const created = fake.appListeners.get('web-contents-created');
    expect(created).toBeDefined();
    const contents = Object.assign(new EventEmitter(), { openHandler: null as null | ((d: { url: string }) => unknown), setWindowOpenHandler(h: (d: { url: string }) => unknown) { this.openHandler = h; } });
    created!({}, contents);
    let isPrevented = false;
    contents.emit('will-navigate', { url: 'https://evil.example/', preventDefault: () => (isPrevented = true) });
    expect(isPrevented).toBe(true);
    expect(contents.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('locks the default session down to the configured centre, with its CSP', () => {
    const answers: boolean[] = [];
    (fake.sessionHandlers.request as (w: unknown, p: string, cb: (g: boolean) => void) => void)({}, 'media', (g) => answers.push(g));
    expect(answers).toEqual([false]);
    const cancelled = (url: string) => {
      let cancel: boolean | undefined;
      (fake.sessionHandlers.beforeRequest as (d: { url: string }, cb: (r: { cancel?: boolean }) => void) => void)({ url }, (r) => (cancel = r.cancel));
      return cancel;
    };
    expect(cancelled('https://central.example.kz:8443/sync')).toBe(false);
    expect(cancelled('https://evil.example/')).toBe(true);
    let headers: Record<string, string[]> | undefined;
    (fake.sessionHandlers.headers as (d: unknown, cb: (r: { responseHeaders?: Record<string, string[]> }) => void) => void)({ url: 'file:///x' }, (r) => (headers = r.responseHeaders));
    expect(headers?.['Content-Security-Policy']).toEqual([contentSecurityPolicy('https://central.example.kz:8443')]);
  });

  it('opens one window with the secure preferences, on our renderer file, and no menu (nor its developer-tools key)', () => {
    expect(fake.sessionHandlers.menu).toBe('none');
    const [win] = fake.windows;
    expect((win!.options as { webPreferences: unknown }).webPreferences).toMatchObject(SECURE_WEB_PREFERENCES);
    expect(win!.loaded).toHaveLength(1);
    expect(win!.loaded[0]).toMatch(/renderer[\\/]electron\.html$/);
  });

  it('serves every Bridge channel over IPC, refusing other frames', async () => {
    expect([...fake.handlers.keys()].sort()).toEqual(Object.values(BRIDGE_ROUTES).map((r) => r.channel).sort());
    const handler = fake.handlers.get(BRIDGE_ROUTES.getAppInfo.channel) as (event: unknown) => unknown;
    expect(() => handler({ senderFrame: { url: 'https://evil.example/' } })).toThrow(/untrusted frame/);
  });

  it('in kiosk mode: full screen on top, the app id of the installer, and a window Alt+F4 does not close until the app quits', () => {
    expect(fake.sessionHandlers.appUserModelId).toBe('kz.shekara.desk');
    const [win] = fake.windows;
    expect(win!.options).toMatchObject({ kiosk: true, fullscreen: true, alwaysOnTop: true });
    const close = win!.listeners.get('close')!;
    let prevented = 0;
    close({ preventDefault: () => prevented++ });
    expect(prevented).toBe(1);
    fake.appListeners.get('before-quit')!();
    close({ preventDefault: () => prevented++ });
    expect(prevented).toBe(1);
  });
});
