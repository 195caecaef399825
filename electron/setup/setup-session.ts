/**
 * The session's locks while the first-run wizard is open, before the desk knows its centre: every
 * permission refused, no screen capture, and the page may load only our own files, devtools and data:
 * URLs (the wizard reaches the centre through the main process, never from the page); our policy, with
 * no centre in connect-src, on every response. Each of these handlers is one Electron keeps only the last
 * of, so main.ts's lockDownSession (security/lock-session.ts, with the centre) replaces them all once the
 * desk starts. The device pickers are left to that one (their listeners add up): with every permission
 * refused, no picker opens. Written against a minimal structural type so tests drive it with a fake.
 */
import { contentSecurityPolicy } from '../content-security-policy.ts';
import { withContentSecurityPolicy, type LockableSession } from '../security/lock-session.ts';

export type SetupLockableSession = Pick<LockableSession, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'setDisplayMediaRequestHandler' | 'webRequest'>;

export function isSetupRequestAllowed(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'file:' || protocol === 'devtools:' || protocol === 'data:';
  } catch {
    return false;
  }
}

export function lockDownSetupSession(ses: SetupLockableSession): void {
  const csp = contentSecurityPolicy();
  ses.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.setDisplayMediaRequestHandler((_request, callback) => callback(null));
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isSetupRequestAllowed(details.url) }));
  ses.webRequest.onHeadersReceived((details, callback) => callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, csp) }));
}
