/**
 * Main-process side of the first-run wizard: one ipcMain.handle per setup route. Like the Bridge's
 * handlers (ipc-handlers.ts), each call must come from the wizard's own page and carry a payload its
 * schema accepts; anything else is refused before it reaches the service. Written against a minimal
 * structural type so tests run it without Electron.
 */
import { callSetup, SETUP_METHODS, SETUP_ROUTES, setupBadRequest, type SetupBridge } from '../../shared/bridge/setup-bridge.ts';
import type { IpcInvokeEvent, IpcMainLike } from '../ipc-handlers.ts';
import { describeZodError } from '../services/bridge-service.ts';

/** Registers the handlers; returns their channels, for ipcMain.removeHandler once the wizard is done. */
export function registerSetupHandlers(ipcMain: IpcMainLike, service: SetupBridge, isTrustedSender: (frameUrl: string) => boolean): string[] {
  const checkSender = (event: IpcInvokeEvent) => {
    const url = event.senderFrame?.url;
    if (typeof url !== 'string' || !isTrustedSender(url)) throw new Error('setup call from an untrusted frame');
  };

  return SETUP_METHODS.map((name) => {
    const route = SETUP_ROUTES[name];
    ipcMain.handle(route.channel, (event, ...args) => {
      checkSender(event);
      if (route.request === null) {
        if (args.length > 0) throw new Error(`${name} takes no arguments`);
        return callSetup(service, name, undefined);
      }
      const parsed = route.request.safeParse(args[0]);
      if (args.length !== 1 || !parsed.success) return setupBadRequest(parsed.success ? `${name} takes one request` : describeZodError(parsed.error));
      return callSetup(service, name, parsed.data);
    });
    return route.channel;
  });
}
