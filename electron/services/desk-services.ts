/**
 * Everything the machine side of a desk runs, assembled once for Electron's main process and for the
 * web host alike: the desk key (certified by the centre in the background), the addendum and report
 * printers and the Bridge service over them.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_ANNEX3_PROFILE, parseOverlayProfile, type OverlayProfile } from '../../printers/pdf/overlay-profile.ts';
import type { AppInfo, Bridge } from '../../shared/bridge/bridge.ts';
import { centrePublicKeyToJson } from '../../shared/keys/certificate-json.ts';
import { createBridgeService } from './bridge-service.ts';
import { DeskActivity } from './desk-activity.ts';
import type { DeskConfig } from './desk-config.ts';
import { ensureCertified, loadOrCreateDeskKey, type DeskKey } from './desk-key.ts';
import { renderAddendumPdf } from '../../printers/pdf/addendum-pdf.ts';
import { sampleAddendumInput } from '../../printers/pdf/sample-addendum.ts';
import { createAddendumPrinter, createSlipPrinter } from './print-addendum.ts';
import { createReportPrinter } from './print-report.ts';
import { renderCalibrationPdf } from '../../printers/pdf/overlay-pdf.ts';
import { profileFromSettings } from '../../printers/thermal/printer-profile.ts';
import type { PrintAddendumRequest, PrintReportRequest, PrintResult } from '../../shared/bridge/bridge.ts';
import { DEFAULT_DOTS_PER_LINE, type DeviceSettingsInput, type DocumentPrinterSettings } from '../../shared/devices/device-settings.ts';
import { DEFAULT_WEDGE_SETTINGS } from '../../shared/scan/wedge-detector.ts';
import { createDeskLog } from './desk-log.ts';
import { collectDiagnostics } from './diagnostics.ts';
import { openDeviceSettingsStore, type DeviceSettingsStore } from './device-settings-store.ts';
import { sendToDocumentPrinter } from './document-printer.ts';
import { listPrinters as listSystemPrinters } from '../../printers/queue/system-queue.ts';
import { createScanHub } from './scan-hub.ts';
import { createSettingsUploader } from './settings-upload.ts';
import { createTechnicianAccess } from './technician-access.ts';
import { createTechnicianService, type OverlayLayout } from './technician-service.ts';
import { ADDENDUM_ITEMS } from '../../printers/pdf/addendum-labels.ts';
import { addendumValues } from '../../printers/pdf/addendum-values.ts';
import { pageSizeMm } from '../../printers/pdf/overlay-profile.ts';
import { SAMPLE_PERMIT } from '../../printers/pdf/sample-addendum.ts';

export type DeskServicesOptions = {
  config: DeskConfig;
  platform: AppInfo['platform'];
  version: string;
  /** Where the desk keeps its key and, with the default printer, the printed PDFs. */
  dataDir: string;
  /** A CUPS/Windows printer name, or file:DIR; default file:<dataDir>/printed. */
  documentPrinter?: string;
  /** '' prints the whole Annex 3 form; 'default' or a profile JSON file prints values onto pre-printed forms. */
  addendumOverlay?: string;
  /** The carrier-slip printer, tcp://HOST:PORT, with its paper (58|80 mm) and code page; none: no slip printer. */
  /** The web host under `npm run bench` only. */
  benchHooks?: boolean;
  slipPrinter?: { target: string; paperWidthMm?: 58 | 80; codePage?: 'kz1048' | 'none' };
  /** scrypt verifier of the technician code (technician-access.ts); without it the technician screens stay shut. */
  technicianVerifier?: string;
  log?: (line: string) => void;
};

const RETRY_MS = 30_000;

/** A technician's calibration, checked at launch: a bad profile stops the desk with the reasons, not at the first print. */
export async function readOverlayProfile(value: string): Promise<OverlayProfile | null> {
  if (!value) return null;
  if (value === 'default') return DEFAULT_ANNEX3_PROFILE;
  const parsed = parseOverlayProfile(JSON.parse(await readFile(value, 'utf8')));
  if (!parsed.ok) throw new Error(`overlay profile ${value}: ${parsed.issues.join('; ')}`);
  return parsed.profile;
}

/** The settings the launch configuration describes, used until a technician saves the desk's own. */
export function launchDefaults(opts: Pick<DeskServicesOptions, 'documentPrinter' | 'slipPrinter' | 'dataDir'>, overlay: OverlayProfile | null): DeviceSettingsInput {
  const tcp = opts.slipPrinter?.target ? /^tcp:\/\/([^:]+):(\d+)$/.exec(opts.slipPrinter.target) : null;
  const paper = opts.slipPrinter?.paperWidthMm ?? 80;
  return {
    thermal: tcp
      ? { connection: { kind: 'tcp', host: tcp[1]!, port: Number(tcp[2]) }, paperWidthMm: paper, dotsPerLine: DEFAULT_DOTS_PER_LINE[paper], codePage: opts.slipPrinter?.codePage === 'none' ? 'raster' : 'kz1048', supportsQrCommand: true, cut: true, density: 0 }
      : null,
    document: {
      queue: opts.documentPrinter || `file:${join(opts.dataDir, 'printed')}`,
      blankMode: overlay ? 'pre-printed' : 'full-form',
      offsetXmm: overlay?.offsetXmm ?? 0,
      offsetYmm: overlay?.offsetYmm ?? 0,
      scale: overlay?.scale ?? 1,
    },
    scanner: { wedge: DEFAULT_WEDGE_SETTINGS, serial: null },
  };
}

/** The blank's layout and a specimen's values, for the calibration preview on the technician's screen. */
export function overlayLayout(base: OverlayProfile): OverlayLayout {
  const values = addendumValues(SAMPLE_PERMIT, 'C0000000');
  const { widthMm, heightMm } = pageSizeMm(base.pageSize);
  return {
    widthMm,
    heightMm,
    fields: ADDENDUM_ITEMS.map((item) => ({ item, ...base.fields[item], sample: values[item].kk })),
    qr: base.qr ?? null,
  };
}

/** The overlay profile with the technician's calibration on top of the base positions. */
export function calibratedOverlay(base: OverlayProfile, d: DocumentPrinterSettings): OverlayProfile {
  return { ...base, offsetXmm: d.offsetXmm, offsetYmm: d.offsetYmm, scale: d.scale };
}

export async function startDeskServices(opts: DeskServicesOptions): Promise<{ service: Bridge; stop(): Promise<void>; settings: DeviceSettingsStore; activity: DeskActivity; log: (line: string) => void }> {
  const deskLog = createDeskLog({ dir: join(opts.dataDir, 'logs'), ...(opts.log ? { echo: opts.log } : {}) });
  const log = deskLog.write;
  let key: DeskKey = await loadOrCreateDeskKey(opts.dataDir, opts.config.deskId);
  let timer: NodeJS.Timeout | undefined;
  // The desk works offline from its first minute; only signed printing waits for the centre's answer.
  const certify = async () => {
    try {
      key = await ensureCertified(opts.dataDir, key, opts.config.serverUrl, opts.config.deviceToken);
      log(`desk key ${key.keyId} certified by centre key ${key.certificate?.centreKeyId}`);
    } catch (err) {
      log(`desk key not certified yet (${err instanceof Error ? err.message : String(err)}); retrying in ${RETRY_MS / 1000} s`);
      timer = setTimeout(() => void certify(), RETRY_MS);
      timer.unref();
    }
  };
  if (!key.certificate) await certify();

  const launchOverlay = await readOverlayProfile(opts.addendumOverlay ?? '');
  // Field positions come from the launch profile (or the Rules' layout); the technician sets the shift and stretch.
  const baseOverlay = launchOverlay ?? DEFAULT_ANNEX3_PROFILE;
  const settings = await openDeviceSettingsStore({ dataDir: opts.dataDir, defaults: launchDefaults(opts, launchOverlay), log });
  const uploader = await createSettingsUploader({
    serverUrl: opts.config.serverUrl,
    deviceToken: opts.config.deviceToken,
    dataDir: opts.dataDir,
    log,
    onCentreAhead: (revision) => void settings.renumberAbove(revision),
  });
  const scans = createScanHub(log);
  await scans.configure(settings.current().scanner.serial);
  if (settings.saved()) uploader.send(settings.current());
  settings.onChange((next) => {
    uploader.send(next);
    void scans.configure(next.scanner.serial);
  });

  // Load and parse the fonts and let the JIT compile the render path now, not while the first carrier
  // waits: one render loads the fonts (≈300 ms), it takes three before a render costs what it will
  // (measured: 304, 119, 69 ms, then the first real print 48 ms instead of 119 ms after one).
  setImmediate(() => {
    void (async () => {
      for (let i = 0; i < 3; i++) await renderAddendumPdf(sampleAddendumInput());
    })().catch(() => undefined);
  });
  // Every job reads the settings as they are now: a technician's save applies from the next print.
  const printAddendum = (request: PrintAddendumRequest) => {
    const d = settings.current().document;
    return createAddendumPrinter({
      checkpointId: opts.config.checkpointId,
      deskKey: () => key,
      ...(d.blankMode === 'pre-printed' ? { overlayProfile: calibratedOverlay(baseOverlay, d) } : {}),
      documentPrinter: d.queue,
    })(request);
  };
  const printSlip = async (request: PrintAddendumRequest): Promise<PrintResult> => {
    const thermal = settings.current().thermal;
    if (!thermal) return { ok: false, error: 'printer-unreachable', message: 'no thermal printer is set up for this desk; a technician sets one up' };
    return createSlipPrinter({ checkpointId: opts.config.checkpointId, deskKey: () => key, profile: profileFromSettings(thermal, 'slip') })(request);
  };
  const printReport = (request: PrintReportRequest) => createReportPrinter({ documentPrinter: settings.current().document.queue })(request);
  const printCalibration = async (d: DocumentPrinterSettings) => sendToDocumentPrinter(d.queue, `calibration-${Date.now()}`, await renderCalibrationPdf(calibratedOverlay(baseOverlay, d)));

  const diagnostics = () =>
    collectDiagnostics({
      config: opts.config,
      platform: opts.platform,
      version: opts.version,
      settings: settings.current(),
      settingsSaved: settings.saved(),
      centreRevision: uploader.centreRevision(),
      key: { keyId: key.keyId, certified: Boolean(key.certificate) },
      scanner: scans.state(),
      logs: deskLog.recent(),
    });
  const technician = createTechnicianService({
    access: createTechnicianAccess({
      verifier: opts.technicianVerifier ?? null,
      // The keys the centre answered with at certification: a desk that never reached the centre knows no technician but by code.
      centreKeys: () => key.centrePublicKeys,
      checkpointId: opts.config.checkpointId,
    }),
    store: settings,
    scans,
    deskId: opts.config.deskId,
    centreRevision: uploader.centreRevision,
    printCalibration,
    listPrinters: async () => {
      const r = await listSystemPrinters({ timeoutMs: 10_000 });
      return r.ok ? r : { ok: false, error: r.error, message: r.message };
    },
    diagnostics,
    overlayLayout: overlayLayout(baseOverlay),
    folderPrinters: { dataDir: opts.dataDir, launchQueue: launchDefaults(opts, launchOverlay).document.queue },
    log,
  });
  const activity = new DeskActivity();
  const service = createBridgeService({
    activity,
    config: opts.config,
    platform: opts.platform,
    version: opts.version,
    benchHooks: opts.benchHooks === true,
    printAddendum,
    printReport,
    printSlip,
    technician,
    centrePublicKeys: () => key.centrePublicKeys.map(centrePublicKeyToJson),
  });
  return {
    service,
    settings,
    activity,
    log,
    stop: async () => {
      clearTimeout(timer);
      uploader.stop();
      await scans.close();
    },
  };
}
