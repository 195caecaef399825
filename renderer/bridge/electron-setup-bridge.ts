/**
 * The setup wizard's service in Electron: the object the setup preload exposed as window.shekaraSetup
 * (electron/setup/setup-preload.ts). Its answers cross a process boundary, so they are checked too.
 */
import { SETUP_METHODS, SETUP_ROUTES, type SetupBridge, type SetupMethod } from '../../shared/bridge/setup-bridge.ts';

declare global {
  interface Window {
    shekaraSetup?: unknown;
  }
}

type ExposedSetupApi = Record<SetupMethod, (request?: unknown) => Promise<unknown>>;

function isExposedSetupApi(api: unknown): api is ExposedSetupApi {
  const a = api as Partial<Record<SetupMethod, unknown>> | null;
  return typeof a === 'object' && a !== null && SETUP_METHODS.every((m) => typeof a[m] === 'function');
}

export function createElectronSetupBridge(api: unknown): SetupBridge {
  if (!isExposedSetupApi(api)) throw new Error('The Electron setup preload did not expose the setup API (window.shekaraSetup).');
  const entries = SETUP_METHODS.map((name) => [name, async (request?: unknown) => SETUP_ROUTES[name].response.parse(await api[name](request))]);
  return Object.fromEntries(entries) as SetupBridge;
}
