/**
 * Auto-update for the kiosk (issue 10 item 3): electron-updater's NSIS updater against a plain HTTPS
 * server (the generic provider: latest.yml, the installer and its blockmap). Staged rollout is the
 * server's stagingPercentage in latest.yml, which electron-updater checks against a random id it keeps
 * per installation (.updaterId in the user-data folder); to pull a bad release, publish a higher version.
 *
 * This module holds our part: download in the background, then install only when the desk is free
 * (desk-activity.ts: no blank in the middle of an issuance, nobody logged in), so an update never
 * interrupts an officer. Failures are logged and retried at the next check; the desk keeps working.
 * No import of 'electron': main.ts hands in the updater, tests hand in a real NsisUpdater without Electron.
 */
import type { DeskActivity } from '../services/desk-activity.ts';

/** The part of electron-updater's AppUpdater this uses. */
export type Updater = {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
};

export type UpdateControllerOptions = {
  updater: Updater;
  activity: DeskActivity;
  log: (line: string) => void;
  /** How often to ask the server; the first check is at start. */
  checkEveryMs?: number;
};

export type UpdateController = { check(): Promise<void>; stop(): void };

const FOUR_HOURS = 4 * 60 * 60 * 1000;

export function startUpdateController({ updater, activity, log, checkEveryMs = FOUR_HOURS }: UpdateControllerOptions): UpdateController {
  updater.autoDownload = true;
  // A desk switched off at night installs the downloaded update on the way out, not under an officer.
  updater.autoInstallOnAppQuit = true;
  let installing = false;

  const installIfFree = () => {
    if (installing || activity.pendingUpdate === null || !activity.isFree()) return;
    installing = true;
    log(`update ${activity.pendingUpdate}: the desk is free, installing`);
    // Silent (the kiosk has nobody to click through an installer), and start the app again after.
    updater.quitAndInstall(true, true);
  };

  updater.on('update-downloaded', (info) => {
    activity.pendingUpdate = info.version;
    log(`update ${info.version} downloaded; it installs when no blank is being issued and nobody is logged in`);
    installIfFree();
  });
  updater.on('error', (error) => log(`update check failed: ${error.message}`));
  const unsubscribe = activity.onChange(installIfFree);

  const check = async () => {
    try {
      await updater.checkForUpdates();
    } catch (err) {
      log(`update check failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  void check();
  const timer = setInterval(() => void check(), checkEveryMs);
  timer.unref?.();
  return {
    check,
    stop() {
      clearInterval(timer);
      unsubscribe();
    },
  };
}
