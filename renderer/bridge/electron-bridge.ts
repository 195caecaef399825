/**
 * The Bridge in Electron: the object the preload exposed as window.shekara. Its answers cross a
 * process boundary, so they are checked against the shared schemas like any other input.
 */
import { BRIDGE_METHODS, BRIDGE_ROUTES, type Bridge, type BridgeMethod } from '../../shared/bridge/bridge.ts';

declare global {
  interface Window {
    shekara?: unknown;
  }
}

type ExposedApi = Record<BridgeMethod, (request?: unknown) => Promise<unknown>>;

function isExposedApi(api: unknown): api is ExposedApi {
  const a = api as Partial<Record<BridgeMethod, unknown>> | null;
  return typeof a === 'object' && a !== null && BRIDGE_METHODS.every((m) => typeof a[m] === 'function');
}

export function createElectronBridge(api: unknown): Bridge {
  if (!isExposedApi(api)) throw new Error('The Electron preload did not expose the Shekara bridge (window.shekara).');
  const entries = BRIDGE_METHODS.map((name) => [name, async (request?: unknown) => BRIDGE_ROUTES[name].response.parse(await api[name](request))]);
  return Object.fromEntries(entries) as Bridge;
}

export function getElectronBridge(): Bridge {
  return createElectronBridge(window.shekara);
}
