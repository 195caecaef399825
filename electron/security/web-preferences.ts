/**
 * The only BrowserWindow options the app uses: the renderer is sandboxed and context-isolated, has no
 * Node, no webviews, and keeps the same-origin policy (Electron's security checklist, items 2-6 and 13).
 * main.ts builds every window from windowOptions(); web-preferences.test.ts holds these values fixed.
 */
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import { kioskWindowOptions } from '../kiosk/kiosk-mode.ts';

export const SECURE_WEB_PREFERENCES = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  spellcheck: false,
  // No developer tools at a kiosk: from their console the page's login, roles and lockout are the page's to change.
  devTools: false,
} as const satisfies WebPreferences);

/** The desk's window: our preload and the secure preferences; a preload path is all a caller picks. */
export function windowOptions(preload: string, isKiosk: boolean): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    show: false,
    ...kioskWindowOptions(isKiosk),
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload },
  };
}
