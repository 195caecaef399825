import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPreloadApi } from '../../electron/preload-api.ts';
import { ownRendererPage, registerBridgeHandlers } from '../../electron/ipc-handlers.ts';
import { createBridgeService } from '../../electron/services/bridge-service.ts';
import { createReportPrinter } from '../../electron/services/print-report.ts';
import { serverOrigin } from '../../electron/services/desk-config.ts';
import { startWebHost } from '../../electron/web-host/server.ts';
import { createElectronBridge } from '../../renderer/bridge/electron-bridge.ts';
import { createWebBridge } from '../../renderer/bridge/web-bridge.ts';
import { createIpcPair } from '../support/ipc-pair.ts';
import { bridgeContract } from './bridge-contract.ts';
import { makeTechnician } from './technician-fixture.ts';

bridgeContract('web host over HTTP', async (config) => {
  const rendererDir = await mkdtemp(join(tmpdir(), 'shekara-renderer-'));
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  const printedDir = await mkdtemp(join(tmpdir(), 'shekara-printed-'));
  const printReport = createReportPrinter({ documentPrinter: `file:${printedDir}` });
  const tech = await makeTechnician(config, await mkdtemp(join(tmpdir(), 'shekara-desk-')), printedDir);
  const service = createBridgeService({ config, platform: 'web', version: '0.1.0', printTimeoutMs: 2_000, printReport, technician: tech.technician });
  const host = await startWebHost({ rendererDir, service, centralOrigin: serverOrigin(config) });
  return {
    platform: 'web',
    printedDir,
    bridge: createWebBridge({ token: host.token, baseUrl: `http://127.0.0.1:${host.port}` }),
    close: async () => {
      await tech.close();
      await host.close();
      await rm(rendererDir, { recursive: true, force: true });
      await rm(printedDir, { recursive: true, force: true });
    },
  };
});

bridgeContract('Electron IPC (preload API → ipcMain handlers)', async (config) => {
  const html = '/opt/shekara/dist/renderer/electron.html';
  const { ipcMain, invoke } = createIpcPair('file:///opt/shekara/dist/renderer/electron.html#/verify');
  const printedDir = await mkdtemp(join(tmpdir(), 'shekara-printed-'));
  const printReport = createReportPrinter({ documentPrinter: `file:${printedDir}` });
  const tech = await makeTechnician(config, await mkdtemp(join(tmpdir(), 'shekara-desk-')), printedDir);
  const service = createBridgeService({ config, platform: 'electron', version: '0.1.0', printTimeoutMs: 2_000, printReport, technician: tech.technician });
  registerBridgeHandlers(ipcMain, service, ownRendererPage(html));
  return {
    platform: 'electron',
    printedDir,
    bridge: createElectronBridge(createPreloadApi(invoke)),
    close: async () => {
      await tech.close();
      await rm(printedDir, { recursive: true, force: true });
    },
  };
});
