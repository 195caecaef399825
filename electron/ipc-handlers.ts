/**
 * Main-process side of the Bridge: one ipcMain.handle per route. Each call checks that it came from
 * our own renderer page (not a navigated-away or injected frame) and validates its payload.
 * Written against a minimal structural type so tests run it without Electron.
 */
import { pathToFileURL } from 'node:url';
import { BRIDGE_ROUTES, printTestTextRequestSchema, type Bridge } from '../shared/bridge/bridge.ts';
import { badRequest, describeZodError } from './services/bridge-service.ts';

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

  ipcMain.handle(BRIDGE_ROUTES.getAppInfo.channel, (event, ...args) => {
    checkSender(event);
    if (args.length > 0) throw new Error('getAppInfo takes no arguments');
    return service.getAppInfo();
  });

  ipcMain.handle(BRIDGE_ROUTES.printTestText.channel, (event, ...args) => {
    checkSender(event);
    const parsed = printTestTextRequestSchema.safeParse(args[0]);
    if (args.length !== 1 || !parsed.success) return badRequest(parsed.success ? 'printTestText takes one request' : describeZodError(parsed.error));
    return service.printTestText(parsed.data);
  });
}
