/**
 * What the setup preload exposes as window.shekaraSetup: one function per setup method, each a single
 * ipcRenderer.invoke on its channel, and nothing of the desk's Bridge. Kept apart from setup-preload.ts
 * so it is testable without Electron. Validation happens in main (requests) and in the page (answers).
 */
// Type-only: a sandboxed preload may require nothing but 'electron'; the type still ties each channel to SETUP_ROUTES.
import type { SETUP_ROUTES } from '../../shared/bridge/setup-bridge.ts';

type Routes = typeof SETUP_ROUTES;
const CHANNELS: { [K in keyof Routes]: Routes[K]['channel'] } = {
  describe: 'shekara-setup:describe',
  checkServer: 'shekara-setup:check-server',
  enrol: 'shekara-setup:enrol',
  start: 'shekara-setup:start',
};

export type Invoke = (channel: string, ...args: unknown[]) => Promise<unknown>;

export type SetupPreloadApi = { [K in keyof Routes]: (request?: unknown) => Promise<unknown> };

export function createSetupPreloadApi(invoke: Invoke): SetupPreloadApi {
  // Fixed channels and one argument at most: the page reaches no other IPC channel.
  return Object.freeze({
    describe: () => invoke(CHANNELS.describe),
    checkServer: (request?: unknown) => invoke(CHANNELS.checkServer, request),
    enrol: (request?: unknown) => invoke(CHANNELS.enrol, request),
    start: () => invoke(CHANNELS.start),
  });
}
