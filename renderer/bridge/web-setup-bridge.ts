/**
 * The setup wizard's service in a browser: the web host's setup routes, with the same per-launch token
 * as the Bridge (readLaunchToken keeps it in the tab, so the app opened after the wizard has it too).
 */
import type { z } from 'zod';
import { SETUP_METHODS, SETUP_ROUTES, type SetupBridge } from '../../shared/bridge/setup-bridge.ts';
import { callWebHost, type WebBridgeOptions } from './web-bridge.ts';

export function createWebSetupBridge(opts: WebBridgeOptions): SetupBridge {
  const entries = SETUP_METHODS.map((name) => {
    const route = SETUP_ROUTES[name];
    return [name, (request?: unknown) => callWebHost(opts, route, route.response as z.ZodType<unknown>, route.request === null ? undefined : request)];
  });
  return Object.fromEntries(entries) as SetupBridge;
}
