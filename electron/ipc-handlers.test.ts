import { describe, expect, it } from 'vitest';
import { BRIDGE_METHODS, BRIDGE_ROUTES, type Bridge, type BridgeMethod } from '../shared/bridge/bridge.ts';
import { samplePermit } from '../test/fixtures/permits.ts';
import { createIpcPair } from '../test/support/ipc-pair.ts';
import { ownRendererPage, registerBridgeHandlers } from './ipc-handlers.ts';
import { createPreloadApi } from './preload-api.ts';

const HTML = '/opt/shekara/dist/renderer/electron.html';
const calls: unknown[] = [];
const service: Bridge = {
  getAppInfo: async () => ({ name: 'Shekara', version: '1.0.0', platform: 'electron', serverUrl: 'http://c', deviceToken: 'x'.repeat(16), checkpointId: 'a', deskId: 'b' }),
  printTestText: async (r) => (calls.push(r), { ok: true, bytes: 1 }),
  printAddendum: async (r) => (calls.push(r), { ok: true, bytes: 2 }),
  printSlip: async (r) => (calls.push(r), { ok: true, bytes: 3 }),
  printReport: async (r) => (calls.push(r), { ok: true, bytes: 4 }),
  technicianUnlock: async (r) => (calls.push(r), { ok: true, session: 's'.repeat(20), expiresAt: '2026-12-02T10:00:00.000Z', name: null }),
  technicianLock: async (r) => (calls.push(r), { ok: true }),
  getDeviceSettings: async (r) => (calls.push(r), { ok: false, error: 'no-session', message: 'closed' }),
  saveDeviceSettings: async (r) => (calls.push(r), { ok: false, error: 'no-session', message: 'closed' }),
  printTestPage: async (r) => (calls.push(r), { ok: true, bytes: 5 }),
  checkPrinter: async (r) => (calls.push(r), { ok: true, online: true, paper: 'ok' }),
  printCalibration: async (r) => (calls.push(r), { ok: true, bytes: 6 }),
  readScans: async (r) => (calls.push(r), { ok: true, scans: [], serial: { state: 'off' } }),
  getDiagnostics: async (r) => (calls.push(r), { ok: true, machine: {} }),
  listPrinters: async (r) => (calls.push(r), { ok: true, printers: [] }),
  getScannerSettings: async () => ({ ok: true, wedge: { maxIntervalMs: 35, minLength: 6, prefix: '', suffix: 'Enter', idleMs: 80 } }),
  reportActivity: async (r) => (calls.push(r), { ok: true, pendingUpdate: null }),
};

describe('ownRendererPage', () => {
  const trusted = ownRendererPage(HTML);
  it('accepts only our renderer file, with any fragment or query', () => {
    expect(trusted('file:///opt/shekara/dist/renderer/electron.html')).toBe(true);
    expect(trusted('file:///opt/shekara/dist/renderer/electron.html#/verify?x=1')).toBe(true);
    for (const url of ['file:///opt/shekara/dist/renderer/index.html', 'file:///tmp/electron.html', 'https://evil.example/electron.html', 'file://host/opt/shekara/dist/renderer/electron.html', 'about:blank', '', 'not a url']) {
      expect(trusted(url), url).toBe(false);
    }
  });
});

describe('registerBridgeHandlers', () => {
  it('rejects calls from any other frame before reaching the service', async () => {
    const { ipcMain, invoke } = createIpcPair('https://evil.example/');
    registerBridgeHandlers(ipcMain, service, ownRendererPage(HTML));
    const api = createPreloadApi(invoke);
    await expect(api.getAppInfo()).rejects.toThrow(/untrusted frame/);
    await expect(api.printTestText({ target: 'tcp://127.0.0.1:9100', text: 'x' })).rejects.toThrow(/untrusted frame/);
    expect(calls).toEqual([]);
  });

  it('validates payloads: bad ones are bad-request and never reach the service', async () => {
    const { ipcMain, invoke } = createIpcPair(`file://${HTML}`);
    registerBridgeHandlers(ipcMain, service, ownRendererPage(HTML));
    expect(await invoke(BRIDGE_ROUTES.printTestText.channel, { target: 'tcp://h:1', text: 'x', extra: 1 })).toEqual({ ok: true, bytes: 1 });
    expect(await invoke(BRIDGE_ROUTES.printTestText.channel)).toMatchObject({ ok: false, error: 'bad-request' });
    expect(await invoke(BRIDGE_ROUTES.printTestText.channel, { target: 'tcp://h:1', text: 'x' }, 'more')).toMatchObject({ ok: false, error: 'bad-request' });
    expect(await invoke(BRIDGE_ROUTES.printTestText.channel, { target: 'lp0', text: 'x' })).toMatchObject({ ok: false, error: 'bad-request' });
    await expect(invoke(BRIDGE_ROUTES.getAppInfo.channel, 'arg')).rejects.toThrow(/no arguments/);
    // zod strips unknown keys: the service sees only the schema's fields.
    expect(calls).toEqual([{ target: 'tcp://h:1', text: 'x' }]);
  });

  it('the preload API exposes exactly the Bridge methods', () => {
    expect(Object.keys(createPreloadApi(async () => null)).sort()).toEqual(Object.keys(BRIDGE_ROUTES).sort());
  });
});

describe('preload bundle', () => {
  it('requires nothing but electron (a sandboxed preload can load no other module)', async () => {
    const { build } = await import('esbuild');
    const out = await build({ entryPoints: ['electron/preload.ts'], bundle: true, platform: 'node', format: 'cjs', packages: 'external', external: ['electron'], write: false, logLevel: 'silent' });
    const requires = [...out.outputFiles[0]!.text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
    expect(new Set(requires)).toEqual(new Set(['electron']));
  });
});

const SESSION = 's'.repeat(20);
const THERMAL = { connection: { kind: 'tcp', host: '192.168.1.50', port: 9100 }, paperWidthMm: 80, dotsPerLine: 576, codePage: 'kz1048', supportsQrCommand: true, cut: true, density: 0 };
const DOCUMENT = { queue: 'file:/tmp/pdf', blankMode: 'pre-printed', offsetXmm: 0, offsetYmm: 0, scale: 1 };
const ADDENDUM = { addendumId: '01JD0000000000000000000ABC', permit: samplePermit(), blankNumber: 'C0000002', issuedAt: '2026-11-21T09:00:00+05:00', officerName: 'Серікұлы Асқар' };

/** One request each method accepts, so a refusal in the table below is down to what was changed. */
const VALID: { [K in BridgeMethod]: unknown } = {
  getAppInfo: undefined,
  getScannerSettings: undefined,
  printTestText: { target: 'tcp://127.0.0.1:9100', text: 'Сынақ' },
  printAddendum: ADDENDUM,
  printSlip: ADDENDUM,
  printReport: { doc: { kind: 'shift-report', title: { kk: 'Есеп', ru: 'Отчёт' }, meta: [], tables: [], signatures: [], generatedAt: '2026-11-21T09:00:00+05:00' } },
  technicianUnlock: { code: '1234' },
  technicianLock: { session: SESSION },
  getDeviceSettings: { session: SESSION },
  saveDeviceSettings: { session: SESSION, technicianName: 'Техник', settings: { thermal: THERMAL, document: DOCUMENT, scanner: { wedge: { maxIntervalMs: 35, minLength: 6, prefix: '', suffix: 'Enter', idleMs: 80 }, serial: null } } },
  printTestPage: { session: SESSION, thermal: THERMAL },
  checkPrinter: { session: SESSION, thermal: THERMAL },
  printCalibration: { session: SESSION, document: DOCUMENT },
  readScans: { after: 0, waitMs: 0 },
  getDiagnostics: { session: SESSION },
  listPrinters: { session: SESSION },
  reportActivity: { issuing: false, signedIn: true },
};

/** Payloads no request schema accepts: wrong types, empty, a prototype-pollution attempt, a huge string. */
const GARBAGE: unknown[] = [undefined, null, 0, 'x', true, [], {}, JSON.parse('{"__proto__":{"isAdmin":true}}'), 'A'.repeat(100_000), [VALID.technicianLock]];

/** A service that records which method was reached; what it answers does not matter here. */
function recordingService() {
  const reached: string[] = [];
  const service = new Proxy({} as Bridge, { get: (_t, name) => async () => (reached.push(String(name)), { ok: true }) });
  return { service, reached };
}

function wired(frameUrl: string) {
  const { service, reached } = recordingService();
  const { ipcMain, invoke } = createIpcPair(frameUrl);
  registerBridgeHandlers(ipcMain, service, ownRendererPage(HTML));
  return { invoke, reached };
}

describe.each(BRIDGE_METHODS)('IPC %s', (name) => {
  const route = BRIDGE_ROUTES[name];
  const valid = VALID[name];
  const args = route.request === null ? [] : [valid];

  it('the sample request is valid, and reaches the service from our page', async () => {
    if (route.request !== null) expect(route.request.safeParse(valid).success).toBe(true);
    const { invoke, reached } = wired(`file://${HTML}#/verify`);
    await invoke(route.channel, ...args);
    expect(reached).toEqual([name]);
  });

  it('is refused from an untrusted frame before reaching the service', async () => {
    for (const frame of ['https://evil.example/', 'file:///tmp/electron.html', 'about:blank', '']) {
      const { invoke, reached } = wired(frame);
      await expect(invoke(route.channel, ...args), frame).rejects.toThrow(/untrusted frame/);
      expect(reached).toEqual([]);
    }
  });

  it('refuses an extra argument', async () => {
    const { invoke, reached } = wired(`file://${HTML}`);
    const extra = invoke(route.channel, ...(route.request === null ? ['more'] : [valid, 'more']));
    if (route.request === null) await expect(extra).rejects.toThrow(/no arguments/);
    else expect(await extra).toMatchObject({ ok: false, error: 'bad-request' });
    expect(reached).toEqual([]);
  });

  it('refuses a payload its schema rejects (zod), never reaching the service', async () => {
    const { invoke, reached } = wired(`file://${HTML}`);
    for (const payload of GARBAGE) {
      if (route.request === null) {
        // No request at all: any argument is refused, undefined included (it is still an argument).
        await expect(invoke(route.channel, payload)).rejects.toThrow(/no arguments/);
      } else {
        expect(route.request.safeParse(payload).success).toBe(false);
        expect(await invoke(route.channel, payload)).toMatchObject({ ok: false, error: 'bad-request' });
      }
    }
    if (route.request !== null) {
      // Valid but for one field: every top-level field of the sample set to a wrong type in turn.
      for (const key of Object.keys(valid as object)) {
        const broken = { ...(valid as Record<string, unknown>), [key]: [[['not this']]] };
        expect(await invoke(route.channel, broken), key).toMatchObject({ ok: false, error: 'bad-request' });
      }
    }
    expect(reached).toEqual([]);
  });
});
