/**
 * An in-process stand-in for Electron's ipcMain.handle / ipcRenderer.invoke: arguments and answers
 * go through structuredClone (as Electron serialises them), a throwing handler rejects the invoke
 * with Electron's message shape, and every call carries the sender frame's URL.
 */
import type { IpcInvokeEvent, IpcMainLike } from '../../electron/ipc-handlers.ts';

export function createIpcPair(senderFrameUrl: string): { ipcMain: IpcMainLike; invoke: (channel: string, ...args: unknown[]) => Promise<unknown> } {
  const handlers = new Map<string, (event: IpcInvokeEvent, ...args: unknown[]) => unknown>();
  return {
    ipcMain: {
      handle(channel, listener) {
        if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
        handlers.set(channel, listener);
      },
    },
    async invoke(channel, ...args) {
      const handler = handlers.get(channel);
      if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
      try {
        return structuredClone(await handler({ senderFrame: { url: senderFrameUrl } }, ...structuredClone(args)));
      } catch (err) {
        throw new Error(`Error invoking remote method '${channel}': ${String(err)}`);
      }
    },
  };
}
