/**
 * What the preload exposes as window.shekara: one function per Bridge method, each a single
 * ipcRenderer.invoke on its channel. Kept apart from preload.ts so it is testable without Electron.
 * Validation happens in main (requests) and in the renderer (answers).
 */
// Type-only: a sandboxed preload may require nothing but 'electron' (and events, timers, url), and
// bridge.ts would pull zod in at run time. The type below still ties each channel to BRIDGE_ROUTES.
import type { BRIDGE_ROUTES } from '../shared/bridge/bridge.ts';

type Routes = typeof BRIDGE_ROUTES;
const CHANNELS: { [K in keyof Routes]: Routes[K]['channel'] } = {
  getAppInfo: 'shekara:get-app-info',
  printTestText: 'shekara:print-test-text',
  printAddendum: 'shekara:print-addendum',
  printSlip: 'shekara:print-slip',
  printReport: 'shekara:print-report',
  technicianUnlock: 'shekara:technician-unlock',
  technicianLock: 'shekara:technician-lock',
  getDeviceSettings: 'shekara:get-device-settings',
  saveDeviceSettings: 'shekara:save-device-settings',
  printTestPage: 'shekara:print-test-page',
  checkPrinter: 'shekara:check-printer',
  printCalibration: 'shekara:print-calibration',
  readScans: 'shekara:read-scans',
  getDiagnostics: 'shekara:get-diagnostics',
  listPrinters: 'shekara:list-printers',
  getScannerSettings: 'shekara:get-scanner-settings',
  reportActivity: 'shekara:report-activity',
};

export type Invoke = (channel: string, ...args: unknown[]) => Promise<unknown>;

export type ShekaraPreloadApi = { [K in keyof Routes]: (request?: unknown) => Promise<unknown> };

export function createPreloadApi(invoke: Invoke): ShekaraPreloadApi {
  // Fixed channels and one argument at most: the page cannot reach any other IPC channel.
  return Object.freeze({
    getAppInfo: () => invoke(CHANNELS.getAppInfo),
    printTestText: (request?: unknown) => invoke(CHANNELS.printTestText, request),
    printAddendum: (request?: unknown) => invoke(CHANNELS.printAddendum, request),
    printSlip: (request?: unknown) => invoke(CHANNELS.printSlip, request),
    printReport: (request?: unknown) => invoke(CHANNELS.printReport, request),
    technicianUnlock: (request?: unknown) => invoke(CHANNELS.technicianUnlock, request),
    technicianLock: (request?: unknown) => invoke(CHANNELS.technicianLock, request),
    getDeviceSettings: (request?: unknown) => invoke(CHANNELS.getDeviceSettings, request),
    saveDeviceSettings: (request?: unknown) => invoke(CHANNELS.saveDeviceSettings, request),
    printTestPage: (request?: unknown) => invoke(CHANNELS.printTestPage, request),
    checkPrinter: (request?: unknown) => invoke(CHANNELS.checkPrinter, request),
    printCalibration: (request?: unknown) => invoke(CHANNELS.printCalibration, request),
    readScans: (request?: unknown) => invoke(CHANNELS.readScans, request),
    getDiagnostics: (request?: unknown) => invoke(CHANNELS.getDiagnostics, request),
    listPrinters: (request?: unknown) => invoke(CHANNELS.listPrinters, request),
    getScannerSettings: () => invoke(CHANNELS.getScannerSettings),
    reportActivity: (request?: unknown) => invoke(CHANNELS.reportActivity, request),
  });
}
