/**
 * The session's locks: every permission request and check is refused (camera, microphone,
 * notifications, geolocation, HID, serial, USB…), device pickers choose nothing, and the renderer may
 * load only our own files, devtools, data: URLs and the central server; every other request is
 * cancelled. Our Content-Security-Policy is added to every response that passes.
 * Written against a minimal structural type so tests drive it with a fake session.
 */
import { contentSecurityPolicy } from '../content-security-policy.ts';

type DevicePicker<Args extends unknown[]> = (event: { preventDefault(): void }, ...args: Args) => void;

export type HeadersDetails = { url: string; responseHeaders?: Record<string, string[]> };

export type LockableSession = {
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void;
  setDisplayMediaRequestHandler(handler: (request: unknown, callback: (streams: null) => void) => void): void;
  on(event: 'select-hid-device', listener: DevicePicker<[details: unknown, callback: (deviceId?: string | null) => void]>): unknown;
  on(event: 'select-serial-port', listener: DevicePicker<[portList: unknown[], webContents: unknown, callback: (portId: string) => void]>): unknown;
  on(event: 'select-usb-device', listener: DevicePicker<[details: unknown, callback: (deviceId?: string) => void]>): unknown;
  webRequest: {
    onBeforeRequest(listener: (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void): void;
    onHeadersReceived(listener: (details: HeadersDetails, callback: (response: { responseHeaders?: Record<string, string[]> }) => void) => void): void;
  };
};

/**
 * True for the URLs the renderer may load: our files, devtools, data: URLs (fonts, the favicon), blob:
 * URLs (the page's own downloads: reports, the journal, diagnostics; only its scripts make them) and
 * the central server's origin exactly (not a look-alike such as central.kz.evil.example).
 */
export function isAllowedRequest(url: string, centralOrigin: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'file:' || parsed.protocol === 'devtools:' || parsed.protocol === 'data:') return true;
  // A blob made by our own file:// page (its origin is "null" or file:), never one of another origin.
  if (parsed.protocol === 'blob:') return /^blob:(null|file:)/.test(url);
  return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.origin === new URL(centralOrigin).origin;
}

/**
 * The response headers with our policy added. A policy the response carried itself is kept beside it:
 * a browser enforces every policy it is given, so a second one can only narrow what ours allows.
 */
export function withContentSecurityPolicy(headers: Record<string, string[]> | undefined, csp: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const policies: string[] = [];
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-security-policy') policies.push(...value);
    else out[name] = value;
  }
  out['Content-Security-Policy'] = [csp, ...policies];
  return out;
}

export function lockDownSession(ses: LockableSession, centralOrigin: string): void {
  const csp = contentSecurityPolicy(centralOrigin);
  // Most web APIs check first and ask second; both answer no.
  ses.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  // Screen capture: no stream.
  ses.setDisplayMediaRequestHandler((_request, callback) => callback(null));
  // Device pickers: prevent the default chooser and pick nothing (scanners and printers are the main process's).
  ses.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback(null);
  });
  ses.on('select-serial-port', (event, _ports, _webContents, callback) => {
    event.preventDefault();
    callback('');
  });
  ses.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url, centralOrigin) }));
  ses.webRequest.onHeadersReceived((details, callback) => callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, csp) }));
}
