/**
 * The Bridge in Electron: the object the preload exposed as window.shekara. Its answers cross a
 * process boundary, so they are checked against the shared schemas like any other input.
 */
import { appInfoSchema, printResultSchema, type Bridge } from '../../shared/bridge/bridge.ts';

declare global {
  interface Window {
    shekara?: unknown;
  }
}

type ExposedApi = { getAppInfo(): Promise<unknown>; printTestText(request: unknown): Promise<unknown> };

function isExposedApi(api: unknown): api is ExposedApi {
  const a = api as Partial<Record<keyof ExposedApi, unknown>> | null;
  return typeof a === 'object' && a !== null && typeof a.getAppInfo === 'function' && typeof a.printTestText === 'function';
}

export function createElectronBridge(api: unknown): Bridge {
  if (!isExposedApi(api)) throw new Error('The Electron preload did not expose the Shekara bridge (window.shekara).');
  return {
    getAppInfo: async () => appInfoSchema.parse(await api.getAppInfo()),
    printTestText: async (request) => printResultSchema.parse(await api.printTestText(request)),
  };
}

export function getElectronBridge(): Bridge {
  return createElectronBridge(window.shekara);
}
