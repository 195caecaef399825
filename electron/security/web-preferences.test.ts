import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SECURE_WEB_PREFERENCES, windowOptions } from './web-preferences.ts';

const REQUIRED = { contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInSubFrames: false, nodeIntegrationInWorker: false, webSecurity: true, allowRunningInsecureContent: false, webviewTag: false, devTools: false };

describe('web preferences', () => {
  it('the secure preferences keep every checklist value', () => {
    expect(SECURE_WEB_PREFERENCES).toMatchObject(REQUIRED);
    expect(Object.isFrozen(SECURE_WEB_PREFERENCES)).toBe(true);
  });

  it('every window option set keeps them, kiosk or not, and adds only the preload', () => {
    for (const isKiosk of [false, true]) {
      const options = windowOptions('/opt/shekara/dist/electron/preload.cjs', isKiosk);
      expect(options.webPreferences).toEqual({ ...SECURE_WEB_PREFERENCES, preload: '/opt/shekara/dist/electron/preload.cjs' });
      expect(options.webPreferences).toMatchObject(REQUIRED);
      expect(options.kiosk).toBe(isKiosk);
    }
  });

  it('every BrowserWindow in electron/ is built from windowOptions()', async () => {
    const root = join(import.meta.dirname, '..');
    const sources = (await readdir(root, { recursive: true })).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.includes('node_modules'));
    let windows = 0;
    for (const file of sources) {
      const text = await readFile(join(root, file), 'utf8');
      for (const m of text.matchAll(/new\s+BrowserWindow\s*\(([^)]*)\)?/g)) {
        windows++;
        expect(m[1]!.trim().startsWith('windowOptions('), `${file}: ${m[0]}`).toBe(true);
      }
    }
    expect(windows).toBeGreaterThan(0);
  });
});
