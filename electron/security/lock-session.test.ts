import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../content-security-policy.ts';
import { isAllowedRequest, lockDownSession, type HeadersDetails, type LockableSession } from './lock-session.ts';

const CENTRAL = 'https://central.example.kz:8443';

type Handlers = {
  request?: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void;
  check?: (webContents: unknown, permission: string) => boolean;
  device?: (details: unknown) => boolean;
  displayMedia?: (request: unknown, callback: (streams: null) => void) => void;
  beforeRequest?: (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void;
  headers?: (details: HeadersDetails, callback: (response: { responseHeaders?: Record<string, string[]> }) => void) => void;
};

/** A session as far as lockDownSession sees it: handler slots and an emitter for the device pickers. */
function lockedSession() {
  const h: Handlers = {};
  const emitter = new EventEmitter();
  const ses = Object.assign(emitter, {
    setPermissionRequestHandler: (f: Handlers['request']) => void (h.request = f),
    setPermissionCheckHandler: (f: Handlers['check']) => void (h.check = f),
    setDevicePermissionHandler: (f: Handlers['device']) => void (h.device = f),
    setDisplayMediaRequestHandler: (f: Handlers['displayMedia']) => void (h.displayMedia = f),
    webRequest: {
      onBeforeRequest: (f: Handlers['beforeRequest']) => void (h.beforeRequest = f),
      onHeadersReceived: (f: Handlers['headers']) => void (h.headers = f),
    },
  }) as unknown as LockableSession;
  lockDownSession(ses, CENTRAL);
  const isCancelled = (url: string) => {
    let answer: { cancel?: boolean } | undefined;
    h.beforeRequest!({ url }, (r) => (answer = r));
    return answer?.cancel;
  };
  return { h, emitter, isCancelled };
}

const PERMISSIONS = ['media', 'geolocation', 'notifications', 'clipboard-read', 'display-capture', 'hid', 'serial', 'usb', 'openExternal', 'fullscreen', 'pointerLock', 'unknown'];

describe('lockDownSession', () => {
  it('answers every permission request false (a camera request included)', () => {
    const { h } = lockedSession();
    for (const permission of PERMISSIONS) {
      const answers: boolean[] = [];
      h.request!({}, permission, (granted) => answers.push(granted));
      expect(answers, permission).toEqual([false]);
    }
  });

  it('answers every permission check and device permission false', () => {
    const { h } = lockedSession();
    for (const permission of PERMISSIONS) expect(h.check!({}, permission), permission).toBe(false);
    expect(h.device!({ deviceType: 'hid', origin: 'file://' })).toBe(false);
    const streams: unknown[] = [];
    h.displayMedia!({}, (s) => streams.push(s));
    expect(streams).toEqual([null]);
  });

  it('HID, serial and USB pickers choose nothing', () => {
    const { emitter } = lockedSession();
    const pick = (name: string, ...args: unknown[]) => {
      let isPrevented = false;
      const picked: unknown[] = [];
      emitter.emit(name, { preventDefault: () => (isPrevented = true) }, ...args, (...id: unknown[]) => picked.push(id));
      return { isPrevented, picked };
    };
    expect(pick('select-hid-device', { deviceList: [{ deviceId: 'h1' }] })).toEqual({ isPrevented: true, picked: [[null]] });
    expect(pick('select-serial-port', [{ portId: 'COM3' }], {})).toEqual({ isPrevented: true, picked: [['']] });
    expect(pick('select-usb-device', { deviceList: [{ deviceId: 'u1' }] })).toEqual({ isPrevented: true, picked: [[]] });
  });

  it('cancels a request to any other origin; lets our files, devtools, data:, blob: and the central server through', () => {
    const { isCancelled } = lockedSession();
    for (const url of [
      'https://evil.example/steal',
      'https://central.example.kz/', // right host, wrong port
      'http://central.example.kz:8443/', // right host and port, wrong scheme
      'https://central.example.kz:8443.evil.example/',
      'https://central.example.kz.evil.example:8443/',
      'https://evil.example/?https://central.example.kz:8443/',
      'ws://central.example.kz:8443/',
      'ftp://example.kz/',
      'blob:https://evil.example/1',
      'not a url',
    ]) {
      expect(isCancelled(url), url).toBe(true);
    }
    for (const url of [`${CENTRAL}/sync/pull?since=0`, CENTRAL, 'file:///opt/shekara/dist/renderer/electron.html', 'devtools://devtools/bundled/inspector.html', 'data:,', 'blob:null/0b1f6c1e-8a1e-4c55-9d0e-2f3a4b5c6d7e']) {
      expect(isCancelled(url), url).toBe(false);
    }
  });

  it('adds the Content-Security-Policy header to every response, keeping the response\'s own headers', () => {
    const { h } = lockedSession();
    let answer: { responseHeaders?: Record<string, string[]> } | undefined;
    h.headers!({ url: `${CENTRAL}/sync/pull`, responseHeaders: { 'Content-Type': ['application/json'] } }, (r) => (answer = r));
    expect(answer?.responseHeaders).toEqual({ 'Content-Type': ['application/json'], 'Content-Security-Policy': [contentSecurityPolicy(CENTRAL)] });
    h.headers!({ url: 'file:///x.html' }, (r) => (answer = r));
    expect(answer?.responseHeaders?.['Content-Security-Policy']).toEqual([contentSecurityPolicy(CENTRAL)]);
  });

  it('a policy the response carried is kept beside ours, never instead of it', () => {
    const { h } = lockedSession();
    let answer: { responseHeaders?: Record<string, string[]> } | undefined;
    h.headers!({ url: `${CENTRAL}/`, responseHeaders: { 'content-security-policy': ["default-src 'none'"] } }, (r) => (answer = r));
    expect(answer?.responseHeaders).toEqual({ 'Content-Security-Policy': [contentSecurityPolicy(CENTRAL), "default-src 'none'"] });
  });
});

describe('isAllowedRequest', () => {
  it('compares the central origin exactly, whatever the path', () => {
    expect(isAllowedRequest('https://central.example.kz:8443/a/b?c#d', CENTRAL)).toBe(true);
    expect(isAllowedRequest('https://CENTRAL.example.kz:8443/', CENTRAL)).toBe(true);
    expect(isAllowedRequest('https://user@central.example.kz:8443/', CENTRAL)).toBe(true);
    expect(isAllowedRequest('https://central.example.kz:8443@evil.example/', CENTRAL)).toBe(false);
  });
});
