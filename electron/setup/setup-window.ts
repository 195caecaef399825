/**
 * The first-run wizard in Electron, for main.ts to call when the desk has no configuration at all (no
 * SHEKARA_DEVICE_TOKEN, no desk-identity.json: services/setup-service.ts deskNeedsSetup). Opens the
 * wizard's own page in a window with the desk's hardened preferences and a preload that exposes the
 * setup API only (setup-preload.ts); its IPC handlers check the sender and validate every payload
 * (setup-ipc.ts) and are removed when the wizard ends. Resolves with the desk's configuration when the
 * technician presses Start after enrolling, or with null when the window is closed before that.
 */
import { app, BrowserWindow, ipcMain, Menu, session } from 'electron';
import { join } from 'node:path';
import { ownRendererPage } from '../ipc-handlers.ts';
import { windowOptions } from '../security/web-preferences.ts';
import type { DeskConfig } from '../services/desk-config.ts';
import { createSetupService } from '../services/setup-service.ts';
import { registerSetupHandlers } from './setup-ipc.ts';
import { lockDownSetupSession } from './setup-session.ts';

// Bundled into dist/electron/main.cjs, so __dirname is dist/electron.
const SETUP_PRELOAD = join(__dirname, 'setup-preload.cjs');
const SETUP_HTML = join(__dirname, '../renderer/setup-electron.html');

export type FirstRunSetupOptions = {
  /** The desk's data folder, where the enrolment keeps desk-identity.json and the desk key. */
  dataDir: string;
  kiosk: boolean;
  env?: NodeJS.ProcessEnv;
  /** Called with the wizard's window once made (main.ts: keepKioskWindowOpen in kiosk mode). */
  onWindow?: (win: BrowserWindow) => void;
};

export function runFirstRunSetup({ dataDir, kiosk, env = process.env, onWindow }: FirstRunSetupOptions): Promise<DeskConfig | null> {
  lockDownSetupSession(session.defaultSession);
  // No menu, so none of its accelerators (reload, developer tools) while the wizard is open either.
  Menu.setApplicationMenu(null);
  return new Promise((resolve) => {
    const win = new BrowserWindow(windowOptions(SETUP_PRELOAD, kiosk));
    onWindow?.(win);
    let finished = false;
    let channels: string[] = [];
    const end = () => {
      finished = true;
      for (const channel of channels) ipcMain.removeHandler(channel);
    };
    const service = createSetupService({
      dataDir,
      env,
      platform: 'electron',
      version: app.getVersion(),
      profileDir: app.getPath('userData'),
      onStart: (config) => {
        if (finished) return;
        end();
        // The wizard goes once the desk's window is ready to show: with no window at all in between,
        // main.ts's window-all-closed would quit the app. destroy(), not close(): a kiosk's close is prevented.
        app.once('browser-window-created', (_event, next) => next.once('ready-to-show', () => win.destroy()));
        resolve(config);
      },
    });
    channels = registerSetupHandlers(ipcMain, service, ownRendererPage(SETUP_HTML));
    win.on('closed', () => {
      if (finished) return;
      end();
      resolve(null);
    });
    win.once('ready-to-show', () => win.show());
    void win.loadFile(SETUP_HTML);
  });
}
