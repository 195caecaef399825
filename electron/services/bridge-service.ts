/**
 * The Bridge in plain Node, shared by Electron's IPC handlers and the web host. Every request is
 * validated here as well, so neither transport can hand a service unchecked input.
 */
import { z } from 'zod';
import { activityReportSchema, appInfoSchema, badRequest, printAddendumRequestSchema, printReportRequestSchema, printTestTextRequestSchema, type AppInfo, type Bridge, type PrintAddendumRequest, type PrintReportRequest, type PrintResult, type TechnicianMethods } from '../../shared/bridge/bridge.ts';
import { printText } from '../../printers/thermal/print-text.ts';
import { DEFAULT_WEDGE_SETTINGS } from '../../shared/scan/wedge-detector.ts';
import type { DeskConfig } from './desk-config.ts';
import { DeskActivity } from './desk-activity.ts';

export type BridgeServiceOptions = {
  config: DeskConfig;
  /** Renders and queues the addendum; until the document printer is configured, say so instead of pretending. */
  printAddendum?: (request: PrintAddendumRequest) => Promise<PrintResult>;
  printSlip?: (request: PrintAddendumRequest) => Promise<PrintResult>;
  printReport?: (request: PrintReportRequest) => Promise<PrintResult>;
  /** The centre keys the desk learnt at enrolment; read on every call, enrolment may finish after launch. */
  centrePublicKeys?: () => NonNullable<AppInfo['centrePublicKeys']>;
  platform: AppInfo['platform'];
  version: string;
  printTimeoutMs?: number;
  benchHooks?: boolean;
  /** The technician's methods (technician-service.ts); without them each answers not-configured. */
  technician?: TechnicianMethods;
  /** Where the page's activity reports go; the Electron updater waits on it (electron/update/). */
  activity?: DeskActivity;
};

const NOT_CONFIGURED = { ok: false, error: 'not-configured', message: 'the technician tools are not set up on this desk' } as const;

/** Stand-ins for a Bridge built without technician tools (some tests): answers, never throws. */
const NO_TECHNICIAN: TechnicianMethods = {
  technicianUnlock: async () => NOT_CONFIGURED,
  technicianLock: async () => ({ ok: true }),
  getDeviceSettings: async () => NOT_CONFIGURED,
  saveDeviceSettings: async () => NOT_CONFIGURED,
  printTestPage: async () => NOT_CONFIGURED,
  checkPrinter: async () => NOT_CONFIGURED,
  printCalibration: async () => NOT_CONFIGURED,
  readScans: async () => ({ ok: true, scans: [], serial: { state: 'off' } }),
  getDiagnostics: async () => NOT_CONFIGURED,
  listPrinters: async () => NOT_CONFIGURED,
  getScannerSettings: async () => ({ ok: true, wedge: DEFAULT_WEDGE_SETTINGS }),
};

/** One line per problem, naming the field: the technician reads it on the screen. */
export function describeZodError(error: z.ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}


export function createBridgeService({ config, platform, version, printTimeoutMs = 5_000, printAddendum, printSlip, printReport, centrePublicKeys, benchHooks, technician = NO_TECHNICIAN, activity = new DeskActivity() }: BridgeServiceOptions): Bridge {
  // Checked once: a config that does not fit the schema is a bug at launch, not at the first call.
  const appInfo = appInfoSchema.parse({ name: 'Shekara', version, platform, ...config, ...(benchHooks ? { benchHooks: true } : {}) });
  return {
    ...technician,
    getAppInfo: async () => ({ ...appInfo, centrePublicKeys: centrePublicKeys?.() ?? [] }),
    async printTestText(request) {
      const parsed = printTestTextRequestSchema.safeParse(request);
      if (!parsed.success) return badRequest(describeZodError(parsed.error));
      return printText(parsed.data.target, parsed.data.text, { timeoutMs: printTimeoutMs });
    },
    async printAddendum(request) {
      const parsed = printAddendumRequestSchema.safeParse(request);
      if (!parsed.success) return badRequest(describeZodError(parsed.error));
      if (!printAddendum) return { ok: false, error: 'queue-unavailable', message: 'no document printer is configured for this desk' };
      return printAddendum(parsed.data);
    },
    async printSlip(request) {
      const parsed = printAddendumRequestSchema.safeParse(request);
      if (!parsed.success) return badRequest(describeZodError(parsed.error));
      if (!printSlip) return { ok: false, error: 'printer-unreachable', message: 'no thermal printer is configured for this desk (SHEKARA_SLIP_PRINTER)' };
      return printSlip(parsed.data);
    },
    async printReport(request) {
      const parsed = printReportRequestSchema.safeParse(request);
      if (!parsed.success) return badRequest(describeZodError(parsed.error));
      if (!printReport) return { ok: false, error: 'queue-unavailable', message: 'no document printer is configured for this desk' };
      return printReport(parsed.data);
    },
    async reportActivity(request) {
      const parsed = activityReportSchema.safeParse(request);
      if (!parsed.success) return badRequest(describeZodError(parsed.error));
      activity.update(parsed.data);
      return { ok: true, pendingUpdate: activity.pendingUpdate };
    },
  };
}
