/**
 * The kiosk's choices, apart from Electron so they are testable here (issue 10 item 2). Electron's
 * kiosk flag is full screen and no more on Windows (Alt+Tab, the Windows key and Ctrl+Alt+Del still
 * work): the machine itself is locked down by IT with Assigned Access or Shell Launcher (README,
 * "Kiosk machines"). What the app does: full screen, no menu, always on top, a window Alt+F4 does not
 * close, one instance, and a start at every Windows login.
 */
import type { BrowserWindowConstructorOptions } from 'electron';

/** electron-builder.yml's appId: the taskbar identity, the installer's GUID and the update channel. Never change it. */
export const APP_ID = 'kz.shekara.desk';

/** `--kiosk` (what the installer's auto-start entry passes) or SHEKARA_KIOSK=1. */
export function isKioskLaunch(argv: readonly string[], env: NodeJS.ProcessEnv): boolean {
  return argv.includes('--kiosk') || env.SHEKARA_KIOSK === '1';
}

export function kioskWindowOptions(isKiosk: boolean): Pick<BrowserWindowConstructorOptions, 'kiosk' | 'fullscreen' | 'alwaysOnTop' | 'minimizable' | 'autoHideMenuBar'> {
  return isKiosk ? { kiosk: true, fullscreen: true, alwaysOnTop: true, minimizable: false, autoHideMenuBar: true } : { kiosk: false, autoHideMenuBar: true };
}

type Closable = { on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown };

/**
 * In kiosk mode the window refuses to close (Alt+F4, a stray click) unless the app itself is quitting:
 * an update's quitAndInstall, or Windows shutting down, quits the app first and must not be refused, or
 * the update never installs (electron-builder#5928).
 */
export function keepKioskWindowOpen(win: Closable, isQuitting: () => boolean): void {
  win.on('close', (event) => {
    if (!isQuitting()) event.preventDefault();
  });
}

/**
 * Auto-start for a portable kiosk (it has no installer to write the all-users Run entry): the current
 * Windows account starts this executable in kiosk mode. Installed copies return null: the installer's
 * HKLM Run entry (build/installer.nsh) starts them for every account.
 */
export function portableLoginItem(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): { openAtLogin: true; path: string; args: string[] } | null {
  const exe = env.PORTABLE_EXECUTABLE_FILE;
  return platform === 'win32' && exe ? { openAtLogin: true, path: exe, args: ['--kiosk'] } : null;
}

/**
 * Updates run in an installed Windows copy only: a portable executable cannot replace itself, and a
 * developer's `electron .` is not packaged. SHEKARA_UPDATES=off turns them off (a desk under test).
 */
export function shouldAutoUpdate(isPackaged: boolean, platform: NodeJS.Platform, env: NodeJS.ProcessEnv): boolean {
  return isPackaged && platform === 'win32' && !env.PORTABLE_EXECUTABLE_DIR && env.SHEKARA_UPDATES !== 'off';
}

/** A different update server than the one built in (electron-builder.yml publish), e.g. the ministry's own. */
export function updateFeedOverride(env: NodeJS.ProcessEnv): { provider: 'generic'; url: string; channel: 'latest' } | null {
  const url = env.SHEKARA_UPDATE_URL?.trim();
  if (!url) return null;
  if (!/^https:\/\//i.test(url)) throw new Error(`SHEKARA_UPDATE_URL must be an https:// address, not ${url}`);
  return { provider: 'generic', url, channel: 'latest' };
}
