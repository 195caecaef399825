import { describe, expect, it } from 'vitest';
import { BRIDGE_ROUTES, type Bridge } from '../shared/bridge/bridge.ts';
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
  technicianUnlock: async (r) => (calls.push(r), { ok: true, session: 's'.repeat(20), expiresAt: '2026-12-02T10:00:00.000Z' }),
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
