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

// This file runs as CommonJS (dist/electron/main.cjs), so __dirname is dist/electron.
const PRELOAD = join(__dirname, 'preload.cjs');
const RENDERER_HTML = join(__dirname, '../renderer/electron.html');
const kiosk = process.env.SHEKARA_KIOSK === '1';

let mainWindow: BrowserWindow | null = null;

function createWindow(): BrowserWindow {
  const win = new BrowserWindow(windowOptions(PRELOAD, kiosk));
  win.once('ready-to-show', () => win.show());
  void win.loadFile(RENDERER_HTML);
  return win;
}

function main(): void {
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

  void app.whenReady().then(async () => {
    const dataDir = process.env.SHEKARA_DESK_DATA_DIR ?? join(app.getPath('userData'), 'desk');
    let config: DeskConfig;
    try {
      // The launch environment, or else what `npm run enrol` kept in the data folder (desk-identity.json).
      config = readDeskConfig(process.env, dataDir);
    } catch (err) {
      dialog.showErrorBox('Shekara', err instanceof Error ? err.message : String(err));
      app.exit(1);
      return;
    }
    // A malformed technician verifier stops the launch, as the web host does: the tools would never open.
    const verifier = process.env.SHEKARA_TECHNICIAN_VERIFIER?.trim();
    if (verifier && !isTechnicianVerifier(verifier)) {
      dialog.showErrorBox('Shekara', 'SHEKARA_TECHNICIAN_VERIFIER is not a scrypt$N$r$p$salt$hash verifier');
      app.exit(1);
      return;
    }
    lockDownSession(session.defaultSession, serverOrigin(config));
    const { service } = await startDeskServices({
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
    // No menu, so none of its accelerators either (the default View menu opens the developer tools on Ctrl+Shift+I).
    Menu.setApplicationMenu(null);
    mainWindow = createWindow();
    mainWindow.on('closed', () => (mainWindow = null));
  });
}

main();
