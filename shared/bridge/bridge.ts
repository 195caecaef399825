import { z } from 'zod';
import { userSchema } from '../users/user.ts';
import { cPermitSchema } from '../documents/c-permit.ts';
import { ULID_PATTERN } from '../ids/ulid.ts';
import { reportDocSchema } from '../reports/report-doc-schema.ts';
import { deviceSettingsInputSchema, deviceSettingsSchema, documentPrinterSettingsSchema, thermalPrinterSettingsSchema, wedgeSettingsSchema } from '../devices/device-settings.ts';

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

  // The technician's screens (issue 7). Every call but unlock carries the session unlock opened.
  /** Opens a technician session with the desk's technician code; wrong codes lock it out for a while. */
  technicianUnlock(request: TechnicianUnlockRequest): Promise<TechnicianUnlockResult>;
  technicianLock(request: SessionRequest): Promise<OkResult>;
  getDeviceSettings(request: SessionRequest): Promise<DeviceSettingsResult>;
  /** Validates and saves the settings; the printers use them from the next job, the centre gets a copy. */
  saveDeviceSettings(request: SaveDeviceSettingsRequest): Promise<DeviceSettingsResult>;
  /** The thermal test page, with the settings on the form (saved or not). */
  printTestPage(request: ThermalRequest): Promise<PrintResult>;
  /** Reachable, online, paper: asks the printer itself (DLE EOT). */
  checkPrinter(request: ThermalRequest): Promise<PrinterStatusResult>;
  /** The calibration grid for pre-printed blanks, with the offsets on the form, on the document printer. */
  printCalibration(request: DocumentRequest): Promise<PrintResult>;
  /** Codes the serial scanner read after `after` (waits up to waitMs for one); raw and decoded. */
  readScans(request: ReadScansRequest): Promise<ReadScansResult>;
  /** The machine's part of the diagnostics bundle: versions, configuration, logs, printer status, masked. */
  getDiagnostics(request: SessionRequest): Promise<DiagnosticsResult>;
  /** The system's printers by name, for the technician to pick the document or thermal printer from. */
  listPrinters(request: SessionRequest): Promise<ListPrintersResult>;
  /** The keyboard scanner's settings, for every scan field (no session: officers scan with them). */
  getScannerSettings(): Promise<ScannerSettingsResult>;
  /**
   * What the desk is doing, so the machine never restarts under an officer: an update installs only
   * when no blank is in the middle of an issuance and nobody is logged in. The answer names an update
   * that waits for that moment.
   */
  reportActivity(request: ActivityReport): Promise<ActivityResult>;
};

/** The technician's part of the Bridge, implemented apart on the machine side (technician-service.ts). */
export type TechnicianMethods = Pick<Bridge, 'technicianUnlock' | 'technicianLock' | 'getDeviceSettings' | 'saveDeviceSettings' | 'printTestPage' | 'checkPrinter' | 'printCalibration' | 'readScans' | 'getDiagnostics' | 'listPrinters' | 'getScannerSettings'>;

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

export const BRIDGE_ERROR_CODES = [
  'printer-unreachable',
  'printer-timeout',
  'no-such-printer',
  'queue-unavailable',
  'print-failed',
  'timeout',
  'not-enrolled',
  'bad-request',
  'internal',
  // technician access
  'no-session',
  'wrong-code',
  'locked-out',
  'not-configured',
  'not-a-technician',
  // printer status
  'no-status',
  'not-escpos',
] as const;
export type BridgeErrorCode = (typeof BRIDGE_ERROR_CODES)[number];

export const printResultSchema = z.union([
  z.object({ ok: z.literal(true), bytes: z.number().int().nonnegative(), jobId: z.string().max(200).optional() }),
  z.object({ ok: z.literal(false), error: z.enum(BRIDGE_ERROR_CODES), message: z.string() }),
]);
export type PrintResult = z.infer<typeof printResultSchema>;

const failureSchema = z.object({ ok: z.literal(false), error: z.enum(BRIDGE_ERROR_CODES), message: z.string() });
/** A method's answer: its success shape, or the failure every method shares. */
const orFailure = <T extends z.ZodRawShape>(shape: T) => z.union([z.object({ ok: z.literal(true), ...shape }), failureSchema]);

const sessionSchema = z.string().min(16).max(100);
export const sessionRequestSchema = z.object({ session: sessionSchema });
export type SessionRequest = z.infer<typeof sessionRequestSchema>;

/** The desk's technician code, or a technician's login: the centre-signed record from the replica and the password typed. */
export const technicianUnlockRequestSchema = z.union([z.object({ code: z.string().min(1).max(64) }).strict(), z.object({ user: userSchema, password: z.string().min(1).max(128) }).strict()]);
export type TechnicianUnlockRequest = z.infer<typeof technicianUnlockRequestSchema>;
export const technicianUnlockResultSchema = orFailure({ session: sessionSchema, expiresAt: z.string().datetime(), name: z.string().max(120).nullable() });
export type TechnicianUnlockResult = z.infer<typeof technicianUnlockResultSchema>;

export const okResultSchema = orFailure({});
export type OkResult = z.infer<typeof okResultSchema>;

export const saveDeviceSettingsRequestSchema = z.object({ session: sessionSchema, technicianName: z.string().trim().min(1).max(120), settings: deviceSettingsInputSchema });
export type SaveDeviceSettingsRequest = z.infer<typeof saveDeviceSettingsRequestSchema>;
export const deviceSettingsResultSchema = orFailure({
  settings: deviceSettingsSchema,
  /** false: still the launch configuration, no technician has saved yet. */
  saved: z.boolean(),
  /** The revision the centre has confirmed, or null before the first confirmation. */
  centreRevision: z.number().int().nonnegative().nullable(),
  /** Where each addendum value lands before calibration (the blank's own layout), with a specimen value, for the preview. */
  overlayLayout: z.object({
    widthMm: z.number(),
    heightMm: z.number(),
    fields: z.array(z.object({ item: z.number().int(), xMm: z.number(), yMm: z.number(), maxWidthMm: z.number(), fontSizePt: z.number(), sample: z.string().max(400) })).max(40),
    qr: z.object({ xMm: z.number(), yMm: z.number(), sizeMm: z.number() }).nullable(),
  }),
});
export type DeviceSettingsResult = z.infer<typeof deviceSettingsResultSchema>;

export const thermalRequestSchema = z.object({ session: sessionSchema, thermal: thermalPrinterSettingsSchema });
export type ThermalRequest = z.infer<typeof thermalRequestSchema>;
export const documentRequestSchema = z.object({ session: sessionSchema, document: documentPrinterSettingsSchema });
export type DocumentRequest = z.infer<typeof documentRequestSchema>;

export const printerStatusResultSchema = orFailure({ online: z.boolean(), paper: z.enum(['ok', 'near-end', 'out']) });
export type PrinterStatusResult = z.infer<typeof printerStatusResultSchema>;

export const readScansRequestSchema = z.object({ after: z.number().int().min(0), waitMs: z.number().int().min(0).max(25_000) });
export type ReadScansRequest = z.infer<typeof readScansRequestSchema>;
export const scanSchema = z.object({ seq: z.number().int().positive(), at: z.string().datetime(), raw: z.string().max(20_000), decoded: z.string().max(20_000) });
export type Scan = z.infer<typeof scanSchema>;
export const readScansResultSchema = orFailure({
  scans: z.array(scanSchema).max(200),
  /** The serial scanner: not set up, open, or failed with the reason. */
  serial: z.object({ state: z.enum(['off', 'open', 'failed']), port: z.string().max(80).optional(), message: z.string().max(500).optional() }),
});
export type ReadScansResult = z.infer<typeof readScansResultSchema>;

export const listPrintersResultSchema = orFailure({
  printers: z.array(z.object({ name: z.string().max(200), isDefault: z.boolean(), state: z.enum(['idle', 'printing', 'disabled', 'unknown']) })).max(200),
});
export type ListPrintersResult = z.infer<typeof listPrintersResultSchema>;

export const scannerSettingsResultSchema = orFailure({ wedge: wedgeSettingsSchema });
export type ScannerSettingsResult = z.infer<typeof scannerSettingsResultSchema>;

export const activityReportSchema = z.strictObject({
  /** A blank of this desk is reserved or printed but not yet handed over, spoiled or released. */
  issuing: z.boolean(),
  /** Someone is logged in (a locked screen still counts: the work is kept under it). */
  signedIn: z.boolean(),
});
export type ActivityReport = z.infer<typeof activityReportSchema>;
export const activityResultSchema = orFailure({ pendingUpdate: z.string().max(40).nullable() });
export type ActivityResult = z.infer<typeof activityResultSchema>;

export const diagnosticsResultSchema = orFailure({ machine: z.record(z.string(), z.unknown()) });
export type DiagnosticsResult = z.infer<typeof diagnosticsResultSchema>;

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
  technicianUnlock: { channel: 'shekara:technician-unlock', path: '/bridge/technician-unlock', method: 'POST', request: technicianUnlockRequestSchema, response: technicianUnlockResultSchema },
  technicianLock: { channel: 'shekara:technician-lock', path: '/bridge/technician-lock', method: 'POST', request: sessionRequestSchema, response: okResultSchema },
  getDeviceSettings: { channel: 'shekara:get-device-settings', path: '/bridge/get-device-settings', method: 'POST', request: sessionRequestSchema, response: deviceSettingsResultSchema },
  saveDeviceSettings: { channel: 'shekara:save-device-settings', path: '/bridge/save-device-settings', method: 'POST', request: saveDeviceSettingsRequestSchema, response: deviceSettingsResultSchema },
  printTestPage: { channel: 'shekara:print-test-page', path: '/bridge/print-test-page', method: 'POST', request: thermalRequestSchema, response: printResultSchema },
  checkPrinter: { channel: 'shekara:check-printer', path: '/bridge/check-printer', method: 'POST', request: thermalRequestSchema, response: printerStatusResultSchema },
  printCalibration: { channel: 'shekara:print-calibration', path: '/bridge/print-calibration', method: 'POST', request: documentRequestSchema, response: printResultSchema },
  readScans: { channel: 'shekara:read-scans', path: '/bridge/read-scans', method: 'POST', request: readScansRequestSchema, response: readScansResultSchema },
  getDiagnostics: { channel: 'shekara:get-diagnostics', path: '/bridge/get-diagnostics', method: 'POST', request: sessionRequestSchema, response: diagnosticsResultSchema },
  listPrinters: { channel: 'shekara:list-printers', path: '/bridge/list-printers', method: 'POST', request: sessionRequestSchema, response: listPrintersResultSchema },
  getScannerSettings: { channel: 'shekara:get-scanner-settings', path: '/bridge/scanner-settings', method: 'GET', request: null, response: scannerSettingsResultSchema },
  reportActivity: { channel: 'shekara:report-activity', path: '/bridge/report-activity', method: 'POST', request: activityReportSchema, response: activityResultSchema },
} as const;

export type BridgeMethod = keyof typeof BRIDGE_ROUTES;
export const BRIDGE_METHODS = Object.keys(BRIDGE_ROUTES) as BridgeMethod[];

/** The answer to a request that fails its schema: every method's answer admits this failure. */
export type BridgeFailure = Extract<PrintResult, { ok: false }>;

export function badRequest(message: string): BridgeFailure {
  return { ok: false, error: 'bad-request', message };
}

/** Calls a Bridge method by name with an already validated request (the transports' dispatch). */
export function callBridge(bridge: Bridge, method: BridgeMethod, request: unknown): Promise<unknown> {
  const fn = bridge[method] as (request?: unknown) => Promise<unknown>;
  return BRIDGE_ROUTES[method].request === null ? fn.call(bridge) : fn.call(bridge, request);
}

/** Header carrying the web host's per-launch token. */
export const BRIDGE_TOKEN_HEADER = 'x-shekara-token';
