/**
 * The technician's part of the Bridge (issue 7): every method but unlock and readScans needs an open
 * technician session, checked here on the machine side, so a page that skips the unlock screen gets
 * nothing. Requests are validated again here, as in bridge-service.ts.
 */
import { resolve, sep } from 'node:path';
import type { z } from 'zod';
import {
  badRequest,
  documentRequestSchema,
  readScansRequestSchema,
  saveDeviceSettingsRequestSchema,
  sessionRequestSchema,
  technicianUnlockRequestSchema,
  thermalRequestSchema,
  type TechnicianMethods,
  type BridgeFailure,
  type DeviceSettingsResult,
  type ListPrintersResult,
  type PrinterStatusResult,
  type PrintResult,
} from '../../shared/bridge/bridge.ts';
import { thermalTarget, type DocumentPrinterSettings, type ThermalPrinterSettings } from '../../shared/devices/device-settings.ts';
import { checkPrinterStatus } from '../../printers/thermal/printer-status.ts';
import { profileFromSettings } from '../../printers/thermal/printer-profile.ts';
import { printTestPage } from '../../printers/thermal/test-page.ts';
import { describeZodError } from './bridge-service.ts';
import type { DeviceSettingsStore } from './device-settings-store.ts';
import type { ScanHub } from './scan-hub.ts';
import type { TechnicianAccess } from './technician-access.ts';

export type OverlayLayout = Extract<DeviceSettingsResult, { ok: true }>['overlayLayout'];

export type { TechnicianMethods };

export type TechnicianServiceOptions = {
  access: TechnicianAccess;
  store: DeviceSettingsStore;
  scans: ScanHub;
  deskId: string;
  centreRevision: () => number | null;
  printCalibration: (document: DocumentPrinterSettings) => Promise<PrintResult>;
  /** The OS's printers (printers/queue/system-queue.ts listPrinters). */
  listPrinters: () => Promise<ListPrintersResult>;
  diagnostics: () => Promise<Record<string, unknown>>;
  overlayLayout: OverlayLayout;
  /**
   * Where a technician may point a folder printer (file:DIR): inside the desk's data folder, or the
   * launch configuration's own. Addenda carry personal data, and on Windows a UNC path would also send
   * the machine's credentials to another host.
   */
  folderPrinters: { dataDir: string; launchQueue: string };
  log: (line: string) => void;
  printTimeoutMs?: number;
  statusTimeoutMs?: number;
};

const NO_SESSION = { ok: false, error: 'no-session', message: 'the technician session is closed or has expired; enter the technician code again' } as const;

export function thermalStatus(thermal: ThermalPrinterSettings, timeoutMs: number): Promise<PrinterStatusResult> {
  if (thermal.connection.kind === 'queue') return Promise.resolve({ ok: false as const, error: 'no-status' as const, message: 'the system spooler does not pass status requests on; print the test page to check this printer' });
  return checkPrinterStatus(thermalTarget(thermal.connection), { timeoutMs }).then((s) => {
    if (s.ok) return s;
    const error: BridgeFailure['error'] = s.error === 'connection-refused' || s.error === 'unreachable' ? 'printer-unreachable' : s.error === 'timeout' ? 'printer-timeout' : s.error;
    return { ok: false, error, message: s.message };
  });
}

/** Null when the document queue is allowed, else why not. */
export function folderPrinterProblem(queue: string, allowed: TechnicianServiceOptions['folderPrinters']): string | null {
  if (!queue.startsWith('file:') || queue === allowed.launchQueue) return null;
  const root = resolve(allowed.dataDir);
  const dir = resolve(root, queue.slice('file:'.length));
  return dir === root || dir.startsWith(root + sep) ? null : `document.queue: a folder printer must be inside the desk's data folder ${root}`;
}

export function createTechnicianService(o: TechnicianServiceOptions): TechnicianMethods {
  const printTimeoutMs = o.printTimeoutMs ?? 5_000;
  const statusTimeoutMs = o.statusTimeoutMs ?? 3_000;
  /** Parses the request and checks its session; the failure to answer, or the parsed request. */
  function gate<T extends { session: string }>(schema: z.ZodType<T>, request: unknown): { ok: false; answer: ReturnType<typeof badRequest> | typeof NO_SESSION } | { ok: true; value: T } {
    const parsed = schema.safeParse(request);
    if (!parsed.success) return { ok: false, answer: badRequest(describeZodError(parsed.error)) };
    if (!o.access.check(parsed.data.session)) return { ok: false, answer: NO_SESSION };
    return { ok: true, value: parsed.data };
  }
  const settingsAnswer = () => ({ ok: true as const, settings: o.store.current(), saved: o.store.saved(), centreRevision: o.centreRevision(), overlayLayout: o.overlayLayout });

  return {
    async technicianUnlock(request) {
      const parsed = technicianUnlockRequestSchema.safeParse(request);
      if (!parsed.success) return badRequest(describeZodError(parsed.error));
      const credentials = 'code' in parsed.data ? parsed.data.code : parsed.data;
      const result = await o.access.unlock(credentials);
      const who = 'code' in parsed.data ? 'the desk code' : parsed.data.user.id;
      o.log(result.ok ? `technician session opened by ${who}` : `technician unlock by ${who} refused: ${result.error}`);
      return result;
    },
    async technicianLock(request) {
      const parsed = sessionRequestSchema.safeParse(request);
      if (!parsed.success) return badRequest(describeZodError(parsed.error));
      o.access.lock(parsed.data.session);
      return { ok: true };
    },
    async getDeviceSettings(request) {
      const g = gate(sessionRequestSchema, request);
      return g.ok ? settingsAnswer() : g.answer;
    },
    async saveDeviceSettings(request) {
      const g = gate(saveDeviceSettingsRequestSchema, request);
      if (!g.ok) return g.answer;
      const folder = folderPrinterProblem(g.value.settings.document.queue, o.folderPrinters);
      if (folder) return badRequest(folder);
      // A technician who logged in is named by the centre's record, not by what the page sends.
      const saved = await o.store.save(g.value.settings, o.access.who(g.value.session) ?? g.value.technicianName);
      if (!saved.ok) return badRequest(saved.problems.join('; '));
      o.log(`device settings revision ${saved.settings.revision} saved by the technician`);
      return settingsAnswer();
    },
    async printTestPage(request) {
      const g = gate(thermalRequestSchema, request);
      if (!g.ok) return g.answer;
      const printedAt = new Date(Date.now() + 5 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
      const result = await printTestPage(profileFromSettings(g.value.thermal), { deskId: o.deskId, printedAt }, { timeoutMs: printTimeoutMs });
      o.log(`thermal test page: ${result.ok ? `${result.bytes} bytes` : `${result.error} ${result.message}`}`);
      return result;
    },
    async checkPrinter(request) {
      const g = gate(thermalRequestSchema, request);
      if (!g.ok) return g.answer;
      const status = await thermalStatus(g.value.thermal, statusTimeoutMs);
      o.log(`thermal status: ${status.ok ? `online ${status.online}, paper ${status.paper}` : `${status.error} ${status.message}`}`);
      return status;
    },
    async printCalibration(request) {
      const g = gate(documentRequestSchema, request);
      if (!g.ok) return g.answer;
      const folder = folderPrinterProblem(g.value.document.queue, o.folderPrinters);
      if (folder) return badRequest(folder);
      const result = await o.printCalibration(g.value.document);
      o.log(`calibration grid: ${result.ok ? 'printed' : `${result.error} ${result.message}`}`);
      return result;
    },
    async readScans(request) {
      const parsed = readScansRequestSchema.safeParse(request);
      if (!parsed.success) return badRequest(describeZodError(parsed.error));
      const { scans, serial } = await o.scans.read(parsed.data.after, parsed.data.waitMs);
      return { ok: true, scans: scans.slice(-200), serial };
    },
    async listPrinters(request) {
      const g = gate(sessionRequestSchema, request);
      if (!g.ok) return g.answer;
      return o.listPrinters();
    },
    async getScannerSettings() {
      return { ok: true, wedge: o.store.current().scanner.wedge };
    },
    async getDiagnostics(request) {
      const g = gate(sessionRequestSchema, request);
      if (!g.ok) return g.answer;
      return { ok: true, machine: await o.diagnostics() };
    },
  };
}
