import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, globalAgent, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeHttpExecutor } from 'builder-util/out/nodeHttpExecutor.js';
import { configureRequestOptions, configureRequestUrl, type DownloadOptions } from 'builder-util-runtime';
import { NsisUpdater } from 'electron-updater';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setStagingPercentage } from '../../build/staged-rollout.ts';
import { DeskActivity } from '../services/desk-activity.ts';
import { startUpdateController } from './update-controller.ts';

/**
 * electron-updater's own NSIS updater, without Electron: our app adapter instead of Electron's app, Node's
 * HTTP client instead of Electron's net, and a real HTTPS server (a self-signed certificate the test
 * trusts) serving latest.yml and an "installer" the way the update server does. Only quitAndInstall,
 * which would run the installer, is replaced by a recorder.
 */
const dir = mkdtempSync(join(tmpdir(), 'shekara-update-'));
const installer = randomBytes(256 * 1024);
const INSTALLER_NAME = 'Shekara-Setup-0.2.0-x64.exe';
let latestYml = '';
let server: Server;
let feedUrl = '';

beforeAll(async () => {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  const cert = readFileSync(join(dir, 'cert.pem'));
  globalAgent.options.ca = [cert];
  server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert }, (req, res) => {
    if (req.url?.startsWith('/desk/latest.yml')) return res.writeHead(200, { 'content-type': 'text/yaml' }).end(latestYml);
    if (req.url === `/desk/${INSTALLER_NAME}`) return res.writeHead(200, { 'content-length': installer.length }).end(installer);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  feedUrl = `https://127.0.0.1:${(server.address() as AddressInfo).port}/desk/`;
});
afterAll(() => server?.close());

/** Node's HTTP client with the download call Electron's net-based executor adds (same steps as electronHttpExecutor.js). */
class NodeDownloadExecutor extends NodeHttpExecutor {
  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise((resolve, reject, onCancel) => {
      const requestOptions = { headers: options.headers ?? undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(requestOptions, { destination, options, onCancel, callback: (error) => (error == null ? resolve(destination) : reject(error)), responseHandler: null }, 0);
    });
  }
}

/** latest.yml as electron-builder writes it for the NSIS target. */
function publish(version: string, stagingPercent: number) {
  const sha512 = createHash('sha512').update(installer).digest('base64');
  const yml = [`version: ${version}`, 'files:', `  - url: ${INSTALLER_NAME}`, `    sha512: ${sha512}`, `    size: ${installer.length}`, `path: ${INSTALLER_NAME}`, `sha512: ${sha512}`, `releaseDate: '2026-12-03T06:00:00.000Z'`, ''].join('\n');
  latestYml = setStagingPercentage(yml, stagingPercent);
}

/** One installed desk: its own user-data folder, staging id and cache; version 0.1.0. */
function installedDesk(name: string, stagingFraction: number) {
  const home = mkdtempSync(join(dir, `${name}-`));
  // electron-updater takes the last 4 bytes of this id as the desk's place in the rollout (0..1).
  const tail = Math.floor(stagingFraction * 0xffffffff).toString(16).padStart(8, '0');
  writeFileSync(join(home, '.updaterId'), `8e2b0a2e-5d1c-4f6a-9b3e-0000${tail}`);
  writeFileSync(join(home, 'app-update.yml'), `provider: generic\nurl: ${feedUrl}\nchannel: latest\nupdaterCacheDirName: shekara-updater\n`);
  const app = { version: '0.1.0', name: 'Shekara', isPackaged: true, appUpdateConfigPath: join(home, 'app-update.yml'), userDataPath: home, baseCachePath: join(home, 'cache'), whenReady: async () => {}, relaunch() {}, quit() {}, onQuit() {} };
  const updater = new NsisUpdater(null, app);
  (updater as unknown as { httpExecutor: NodeHttpExecutor }).httpExecutor = new NodeDownloadExecutor();
  (updater as unknown as { _testOnlyOptions: unknown })._testOnlyOptions = { platform: 'win32', isUseDifferentialDownload: false };
  updater.logger = null;
  const installs: [boolean | undefined, boolean | undefined][] = [];
  updater.quitAndInstall = (isSilent, isForceRunAfter) => void installs.push([isSilent, isForceRunAfter]);
  const downloaded = new Promise<string>((resolve) => updater.once('update-downloaded', (info) => resolve(info.version)));
  const checked = new Promise<boolean>((resolve) => {
    updater.once('update-available', () => resolve(true));
    updater.once('update-not-available', () => resolve(false));
  });
  return { updater, installs, downloaded, checked };
}

describe('auto-update from a plain HTTPS server', () => {
  it('downloads a new release, waits while a blank is being issued, installs when the desk is free', async () => {
    publish('0.2.0', 100);
    const desk = installedDesk('free', 0.5);
    const activity = new DeskActivity();
    const lines: string[] = [];
    const controller = startUpdateController({ updater: desk.updater, activity, log: (l) => lines.push(l) });
    // The officer is in the middle of an issuance when the download finishes.
    activity.update({ issuing: true, signedIn: true });
    expect(await desk.checked).toBe(true);
    expect(await desk.downloaded).toBe('0.2.0');
    expect(activity.pendingUpdate).toBe('0.2.0');
    expect(desk.installs).toEqual([]);
    // Handed over, still logged in: not yet.
    activity.update({ issuing: false, signedIn: true });
    expect(desk.installs).toEqual([]);
    // Logged out with nothing in progress: installs, silently, and the app comes back.
    activity.update({ issuing: false, signedIn: false });
    expect(desk.installs).toEqual([[true, true]]);
    expect(lines.join('\n')).toContain('0.2.0');
    controller.stop();
  });

  it('a desk the page never reported on counts as busy', async () => {
    publish('0.2.0', 100);
    const desk = installedDesk('unknown', 0.5);
    const activity = new DeskActivity();
    const controller = startUpdateController({ updater: desk.updater, activity, log: () => {} });
    expect(await desk.downloaded).toBe('0.2.0');
    expect(desk.installs).toEqual([]);
    controller.stop();
  });

  it('a staged rollout reaches only the share of desks it names', async () => {
    publish('0.2.0', 40);
    const outside = installedDesk('outside', 0.5);
    startUpdateController({ updater: outside.updater, activity: new DeskActivity(), log: () => {} }).stop();
    expect(await outside.checked).toBe(false);
    const inside = installedDesk('inside', 0.2);
    startUpdateController({ updater: inside.updater, activity: new DeskActivity(), log: () => {} }).stop();
    expect(await inside.checked).toBe(true);
    // Widened to 60 %: the desk at 0.5 takes it now.
    publish('0.2.0', 60);
    const later = installedDesk('outside-later', 0.5);
    startUpdateController({ updater: later.updater, activity: new DeskActivity(), log: () => {} }).stop();
    expect(await later.checked).toBe(true);
  });

  it('a server that is down is logged and the desk carries on', async () => {
    const desk = installedDesk('down', 0.5);
    writeFileSync(join((desk.updater as unknown as { app: { userDataPath: string } }).app.userDataPath, 'app-update.yml'), 'provider: generic\nurl: https://127.0.0.1:1/desk/\nchannel: latest\n');
    const lines: string[] = [];
    const controller = startUpdateController({ updater: desk.updater, activity: new DeskActivity(), log: (l) => lines.push(l) });
    await controller.check();
    expect(lines.some((l) => l.startsWith('update check failed'))).toBe(true);
    controller.stop();
  });
});

describe('setStagingPercentage', () => {
  it('sets, replaces and removes the rollout share, and refuses nonsense', () => {
    const yml = 'version: 0.2.0\npath: a.exe\n';
    expect(setStagingPercentage(yml, 10)).toBe('version: 0.2.0\npath: a.exe\nstagingPercentage: 10\n');
    expect(setStagingPercentage(setStagingPercentage(yml, 10), 50)).toBe('version: 0.2.0\npath: a.exe\nstagingPercentage: 50\n');
    expect(setStagingPercentage(setStagingPercentage(yml, 10), 100)).toBe(yml);
    expect(() => setStagingPercentage(yml, 0)).toThrow(/1 to 100/);
    expect(() => setStagingPercentage(yml, 12.5)).toThrow(/1 to 100/);
    expect(() => setStagingPercentage('hello: 1\n', 10)).toThrow(/latest.yml/);
  });
});
