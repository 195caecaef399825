/**
 * Main-process side of the Bridge: one ipcMain.handle per route. Each call checks that it came from
 * our own renderer page (not a navigated-away or injected frame) and validates its payload.
 * Written against a minimal structural type so tests run it without Electron.
 */
import { pathToFileURL } from 'node:url';
import { badRequest, BRIDGE_METHODS, BRIDGE_ROUTES, callBridge, type Bridge } from '../shared/bridge/bridge.ts';
import { describeZodError } from './services/bridge-service.ts';

export type IpcInvokeEvent = { senderFrame?: { url: string } | null };
export type IpcMainLike = {
  handle(channel: string, listener: (event: IpcInvokeEvent, ...args: unknown[]) => unknown): void;
};

/** True for our renderer page itself (file:///…/dist/renderer/electron.html, any hash or query). */
export function ownRendererPage(htmlPath: string): (frameUrl: string) => boolean {
  const expected = pathToFileURL(htmlPath).href;
  return (frameUrl) => {
    try {
      const url = new URL(frameUrl);
      return url.protocol === 'file:' && `${url.protocol}//${url.host}${url.pathname}` === expected;
    } catch {
      return false;
    }
  };
}

export function registerBridgeHandlers(ipcMain: IpcMainLike, service: Bridge, isTrustedSender: (frameUrl: string) => boolean): void {
  const checkSender = (event: IpcInvokeEvent) => {
    const url = event.senderFrame?.url;
    // Throwing rejects the renderer's invoke; nothing about the service reaches an untrusted frame.
    if (typeof url !== 'string' || !isTrustedSender(url)) throw new Error('bridge call from an untrusted frame');
  };

  for (const name of BRIDGE_METHODS) {
    const route = BRIDGE_ROUTES[name];
    ipcMain.handle(route.channel, (event, ...args) => {
      checkSender(event);
      if (route.request === null) {
        if (args.length > 0) throw new Error(`${name} takes no arguments`);
        return callBridge(service, name, undefined);
      }
      const parsed = route.request.safeParse(args[0]);
      if (args.length !== 1 || !parsed.success) return badRequest(parsed.success ? `${name} takes one request` : describeZodError(parsed.error));
      return callBridge(service, name, parsed.data);
    });
  }
}
