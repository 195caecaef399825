/**
 * Electron main process: one locked-down window on our own renderer file, the Bridge over IPC, and
 * nothing remote except the central server the renderer syncs with. Security choices follow
 * Electron's security checklist (docs/tutorial/security.md). Bundled to dist/electron/main.cjs.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, session } from 'electron';
import { join } from 'node:path';
import { ownRendererPage, registerBridgeHandlers } from './ipc-handlers.ts';
import { hardenContents } from './security/harden-contents.ts';
import { lockDownSession } from './security/lock-session.ts';
import { windowOptions } from './security/web-preferences.ts';
import { startDeskServices } from './services/desk-services.ts';
import { isTechnicianVerifier } from './services/technician-access.ts';
import { readDeskConfig, serverOrigin, type DeskConfig } from './services/desk-config.ts';
import type { DeskActivity } from './services/desk-activity.ts';
import { APP_ID, isKioskLaunch, keepKioskWindowOpen, portableLoginItem, shouldAutoUpdate, updateFeedOverride } from './kiosk/kiosk-mode.ts';
import { startUpdateController } from './update/update-controller.ts';
import { deskNeedsSetup } from './services/setup-service.ts';
import { runFirstRunSetup } from './setup/setup-window.ts';

// This file runs as CommonJS (dist/electron/main.cjs), so __dirname is dist/electron.
const PRELOAD = join(__dirname, 'preload.cjs');
const RENDERER_HTML = join(__dirname, '../renderer/electron.html');
const kiosk = isKioskLaunch(process.argv, process.env);

let mainWindow: BrowserWindow | null = null;
/** Set when the app itself quits (an update, Windows shutting down): the kiosk window then lets go. */
let isQuitting = false;

function createWindow(): BrowserWindow {
  const win = new BrowserWindow(windowOptions(PRELOAD, kiosk));
  if (kiosk) keepKioskWindowOpen(win, () => isQuitting);
  win.once('ready-to-show', () => win.show());
  void win.loadFile(RENDERER_HTML);
  return win;
}

/**
 * electron-updater's NSIS updater from the plain HTTPS server in electron-builder.yml (or
 * SHEKARA_UPDATE_URL); it installs only when the desk is free (update-controller.ts).
 */
async function startAutoUpdate(activity: DeskActivity, log: (line: string) => void): Promise<void> {
  try {
    const { NsisUpdater } = await import('electron-updater');
    const updater = new NsisUpdater();
    updater.logger = { info: log, warn: log, error: log, debug: () => {} };
    const feed = updateFeedOverride(process.env);
    if (feed) updater.setFeedURL(feed);
    startUpdateController({ updater, activity, log });
  } catch (err) {
    log(`auto-update is off: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function main(): void {
  // The taskbar identity and the installer's: the same id as electron-builder.yml's appId.
  app.setAppUserModelId(APP_ID);
  if (!app.requestSingleInstanceLock()) {
    // Two instances on one profile corrupt IndexedDB; the first one gets focus instead.
    app.quit();
    return;
  }
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  // Every web contents, present and future: no navigation away, no new windows, no webviews.
  const isOwnPage = ownRendererPage(RENDERER_HTML);
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, isOwnPage));

  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => (isQuitting = true));
  if (kiosk) {
    const loginItem = portableLoginItem(process.platform, process.env);
    if (loginItem) app.setLoginItemSettings(loginItem);
  }

  void app.whenReady().then(async () => {
    const dataDir = process.env.SHEKARA_DESK_DATA_DIR ?? join(app.getPath('userData'), 'desk');
    // A malformed technician verifier stops the launch, as the web host does: the tools would never open.
    const verifier = process.env.SHEKARA_TECHNICIAN_VERIFIER?.trim();
    if (verifier && !isTechnicianVerifier(verifier)) {
      dialog.showErrorBox('Shekara', 'SHEKARA_TECHNICIAN_VERIFIER is not a scrypt$N$r$p$salt$hash verifier');
      app.exit(1);
      return;
    }
    let config: DeskConfig;
    try {
      if (deskNeedsSetup(process.env, dataDir)) {
        // No token and nothing enrolled: the first-run wizard enrols this desk (setup/setup-window.ts).
        const enrolled = await runFirstRunSetup({ dataDir, kiosk, onWindow: (win) => kiosk && keepKioskWindowOpen(win, () => isQuitting) });
        if (!enrolled) return; // its window was closed before Start: window-all-closed quits the app
        config = enrolled;
      } else {
        // The launch environment, or else what the wizard or `npm run enrol` kept in the data folder (desk-identity.json).
        config = readDeskConfig(process.env, dataDir);
      }
    } catch (err) {
      dialog.showErrorBox('Shekara', err instanceof Error ? err.message : String(err));
      app.exit(1);
      return;
    }
    lockDownSession(session.defaultSession, serverOrigin(config));
    const { service, activity, log } = await startDeskServices({
      config,
      platform: 'electron',
      version: app.getVersion(),
      dataDir,
      documentPrinter: process.env.SHEKARA_DOCUMENT_PRINTER ?? '',
      addendumOverlay: process.env.SHEKARA_ADDENDUM_OVERLAY ?? '',
      slipPrinter: process.env.SHEKARA_SLIP_PRINTER
        ? { target: process.env.SHEKARA_SLIP_PRINTER, paperWidthMm: process.env.SHEKARA_SLIP_PAPER === '58' ? 58 : 80, codePage: process.env.SHEKARA_SLIP_CODE_PAGE === 'none' ? 'none' : 'kz1048' }
        : undefined,
      ...(verifier ? { technicianVerifier: verifier } : {}),
    });
    registerBridgeHandlers(ipcMain, service, isOwnPage);
    if (shouldAutoUpdate(app.isPackaged, process.platform, process.env)) void startAutoUpdate(activity, log);
    // No menu, so none of its accelerators either (the default View menu opens the developer tools on Ctrl+Shift+I).
    Menu.setApplicationMenu(null);
    mainWindow = createWindow();
    mainWindow.on('closed', () => (mainWindow = null));
  });
}

main();
