import { z } from 'zod';
import { cPermitSchema } from '../documents/c-permit.ts';
import { ULID_PATTERN } from '../ids/ulid.ts';
import { reportDocSchema } from '../reports/report-doc-schema.ts';

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
  /**
   * Renders the addendum (seed 000 Annex 3) with its signed QR and hands it to the desk's document
   * printer queue. ok means the queue accepted the job; the machine side signs, the UI never sees a key.
   */
  printAddendum(request: PrintAddendumRequest): Promise<PrintResult>;
  /** The carrier's slip on the desk's thermal printer: numbers, plate and the same signed QR. */
  printSlip(request: PrintAddendumRequest): Promise<PrintResult>;
  /** Renders a report (the shift report, the centre's reports) as an A4 PDF and queues it on the document printer. */
  printReport(request: PrintReportRequest): Promise<PrintResult>;
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
  /** A desk kiosk, or the checkpoint's supervisor station, which also receives consignments and moves stacks. */
  role: z.enum(['desk', 'supervisor']).optional(),
  /** The centre's public keys (base32), from enrolment: every addendum QR is verified offline with them. */
  /**
   * Only the web host started with --bench-hooks sets this: the page then exposes a function that
   * writes records in bulk, for `npm run bench`. Electron never sets it.
   */
  benchHooks: z.boolean().optional(),
  centrePublicKeys: z.array(z.object({ keyId: z.string().min(1).max(40), publicKey: z.string().min(1).max(80) })).max(50).optional(),
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

export const printAddendumRequestSchema = z.object({
  /** The addendum's id: the id of the blank's reservation event, so every reprint carries the same id. */
  addendumId: z.string().regex(ULID_PATTERN),
  permit: cPermitSchema,
  blankNumber: z.string().regex(/^[A-Z]\d{7}$/),
  issuedAt: z.string().datetime({ offset: true }),
  officerName: z.string().min(1).max(120),
});
export type PrintAddendumRequest = z.infer<typeof printAddendumRequestSchema>;

export const printReportRequestSchema = z.object({ doc: reportDocSchema });
export type PrintReportRequest = z.infer<typeof printReportRequestSchema>;

export const BRIDGE_ERROR_CODES = ['printer-unreachable', 'printer-timeout', 'no-such-printer', 'queue-unavailable', 'print-failed', 'timeout', 'not-enrolled', 'bad-request', 'internal'] as const;
export type BridgeErrorCode = (typeof BRIDGE_ERROR_CODES)[number];

export const printResultSchema = z.union([
  z.object({ ok: z.literal(true), bytes: z.number().int().nonnegative(), jobId: z.string().max(200).optional() }),
  z.object({ ok: z.literal(false), error: z.enum(BRIDGE_ERROR_CODES), message: z.string() }),
]);
export type PrintResult = z.infer<typeof printResultSchema>;

/**
 * Every Bridge method once: IPC channel, HTTP route, and the schemas its request and answer are checked
 * against on each side. Both transports and both client implementations are built from this table.
 */
export const BRIDGE_ROUTES = {
  getAppInfo: { channel: 'shekara:get-app-info', path: '/bridge/app-info', method: 'GET', request: null, response: appInfoSchema },
  printTestText: { channel: 'shekara:print-test-text', path: '/bridge/print-test-text', method: 'POST', request: printTestTextRequestSchema, response: printResultSchema },
  printAddendum: { channel: 'shekara:print-addendum', path: '/bridge/print-addendum', method: 'POST', request: printAddendumRequestSchema, response: printResultSchema },
  printSlip: { channel: 'shekara:print-slip', path: '/bridge/print-slip', method: 'POST', request: printAddendumRequestSchema, response: printResultSchema },
  // A month's report can run to a few megabytes of JSON; every other request fits the web host's 64 KiB.
  printReport: { channel: 'shekara:print-report', path: '/bridge/print-report', method: 'POST', request: printReportRequestSchema, response: printResultSchema, maxBodyBytes: 8 * 1024 * 1024 },
} as const;

export type BridgeMethod = keyof typeof BRIDGE_ROUTES;
export const BRIDGE_METHODS = Object.keys(BRIDGE_ROUTES) as BridgeMethod[];

/** The answer to a request that fails its schema: every method with a request answers a PrintResult. */
export function badRequest(message: string): PrintResult {
  return { ok: false, error: 'bad-request', message };
}

/** Calls a Bridge method by name with an already validated request (the transports' dispatch). */
export function callBridge(bridge: Bridge, method: BridgeMethod, request: unknown): Promise<unknown> {
  const fn = bridge[method] as (request?: unknown) => Promise<unknown>;
  return BRIDGE_ROUTES[method].request === null ? fn.call(bridge) : fn.call(bridge, request);
}

/** Header carrying the web host's per-launch token. */
export const BRIDGE_TOKEN_HEADER = 'x-shekara-token';
