import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { APP_ID, isKioskLaunch, keepKioskWindowOpen, kioskWindowOptions, portableLoginItem, shouldAutoUpdate, updateFeedOverride } from './kiosk-mode.ts';

describe('kiosk mode', () => {
  it('starts in kiosk mode from the auto-start argument or the variable, not otherwise', () => {
    expect(isKioskLaunch(['Shekara.exe', '--kiosk'], {})).toBe(true);
    expect(isKioskLaunch(['Shekara.exe'], { SHEKARA_KIOSK: '1' })).toBe(true);
    expect(isKioskLaunch(['Shekara.exe'], {})).toBe(false);
    expect(kioskWindowOptions(true)).toMatchObject({ kiosk: true, fullscreen: true, alwaysOnTop: true, minimizable: false });
    expect(kioskWindowOptions(false).kiosk).toBe(false);
  });

  it('keeps the window open against Alt+F4 but lets the app quit for an update', () => {
    let listener: ((e: { preventDefault(): void }) => void) | undefined;
    let quitting = false;
    keepKioskWindowOpen({ on: (_e, l) => (listener = l) }, () => quitting);
    let prevented = 0;
    listener!({ preventDefault: () => prevented++ });
    expect(prevented).toBe(1);
    quitting = true;
    listener!({ preventDefault: () => prevented++ });
    expect(prevented).toBe(1);
  });

  it('auto-starts a portable copy itself; an installed one is started by the installer entry', () => {
    expect(portableLoginItem('win32', { PORTABLE_EXECUTABLE_FILE: 'D:\\Shekara.exe' })).toEqual({ openAtLogin: true, path: 'D:\\Shekara.exe', args: ['--kiosk'] });
    expect(portableLoginItem('win32', {})).toBeNull();
    const nsh = readFileSync(new URL('../../build/installer.nsh', import.meta.url), 'utf8');
    expect(nsh).toMatch(/WriteRegStr HKLM "Software\\Microsoft\\Windows\\CurrentVersion\\Run" "Shekara" '"\$INSTDIR\\\$\{APP_EXECUTABLE_FILENAME\}" --kiosk'/);
  });

  it('updates an installed Windows copy only, from an https server', () => {
    expect(shouldAutoUpdate(true, 'win32', {})).toBe(true);
    expect(shouldAutoUpdate(true, 'win32', { PORTABLE_EXECUTABLE_DIR: 'D:\\' })).toBe(false);
    expect(shouldAutoUpdate(false, 'win32', {})).toBe(false);
    expect(shouldAutoUpdate(true, 'win32', { SHEKARA_UPDATES: 'off' })).toBe(false);
    expect(updateFeedOverride({ SHEKARA_UPDATE_URL: 'https://updates.example.kz/desk/' })).toEqual({ provider: 'generic', url: 'https://updates.example.kz/desk/', channel: 'latest' });
    expect(() => updateFeedOverride({ SHEKARA_UPDATE_URL: 'http://updates.example.kz/' })).toThrow(/https/);
    expect(updateFeedOverride({})).toBeNull();
  });

  it('uses the appId electron-builder.yml packs with', () => {
    expect(readFileSync(new URL('../../electron-builder.yml', import.meta.url), 'utf8')).toMatch(new RegExp(`^appId: ${APP_ID.replace(/\./g, '\\.')}$`, 'm'));
  });
});
