import { z } from 'zod';

/**
 * Everything the UI needs from the machine. Implemented twice, with one contract test suite:
 * Electron (preload + ipcMain) and the web host (HTTP on 127.0.0.1 with a per-launch token).
 * Every request and answer is validated against the schemas below on the receiving side.
 */
export type Bridge = {
  /** Version, platform and the desk's configuration (which centre, which checkpoint and desk). */
  getAppInfo(): Promise<AppInfo>;
  /** Prints a plain text on an ESC/POS thermal printer; a failure is an answer, not a throw. */
  printTestText(request: PrintTestTextRequest): Promise<PrintResult>;
};

export const appInfoSchema = z.object({
  name: z.literal('Shekara'),
  version: z.string(),
  platform: z.enum(['electron', 'web']),
  /** The central server this desk syncs with. */
  serverUrl: z.string().url(),
  /** Device token for sync; issue 9 replaces it with enrolment. */
  deviceToken: z.string().min(16).max(200),
  checkpointId: z.string().min(1).max(40),
  deskId: z.string().min(1).max(40),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

/** tcp://host:port of a network ESC/POS printer (port 9100 by convention). */
export const printerTargetSchema = z
  .string()
  .max(200)
  .regex(/^tcp:\/\/[A-Za-z0-9.\-]+:\d{1,5}$/, 'printer must be tcp://HOST:PORT');

export const printTestTextRequestSchema = z.object({
  target: printerTargetSchema,
  text: z.string().min(1).max(2000),
});
export type PrintTestTextRequest = z.infer<typeof printTestTextRequestSchema>;

export const BRIDGE_ERROR_CODES = ['printer-unreachable', 'printer-timeout', 'bad-request', 'internal'] as const;
export type BridgeErrorCode = (typeof BRIDGE_ERROR_CODES)[number];

export const printResultSchema = z.union([
  z.object({ ok: z.literal(true), bytes: z.number().int().nonnegative() }),
  z.object({ ok: z.literal(false), error: z.enum(BRIDGE_ERROR_CODES), message: z.string() }),
]);
export type PrintResult = z.infer<typeof printResultSchema>;

/** IPC channel and HTTP route names, one list for both implementations. */
export const BRIDGE_ROUTES = {
  getAppInfo: { channel: 'shekara:get-app-info', path: '/bridge/app-info', method: 'GET' },
  printTestText: { channel: 'shekara:print-test-text', path: '/bridge/print-test-text', method: 'POST' },
} as const;

/** Header carrying the web host's per-launch token. */
export const BRIDGE_TOKEN_HEADER = 'x-shekara-token';
