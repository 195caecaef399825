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
import type { DeskConfig } from './desk-config.ts';
import { ensureCertified, loadOrCreateDeskKey, type DeskKey } from './desk-key.ts';
import { renderAddendumPdf } from '../../printers/pdf/addendum-pdf.ts';
import { sampleAddendumInput } from '../../printers/pdf/sample-addendum.ts';
import { parsePrinterProfile } from '../../printers/thermal/printer-profile.ts';
import { createAddendumPrinter, createSlipPrinter } from './print-addendum.ts';
import { createReportPrinter } from './print-report.ts';

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

export async function startDeskServices(opts: DeskServicesOptions): Promise<{ service: Bridge; stop(): void }> {
  let key: DeskKey = await loadOrCreateDeskKey(opts.dataDir, opts.config.deskId);
  let timer: NodeJS.Timeout | undefined;
  // The desk works offline from its first minute; only signed printing waits for the centre's answer.
  const certify = async () => {
    try {
      key = await ensureCertified(opts.dataDir, key, opts.config.serverUrl, opts.config.deviceToken);
      opts.log?.(`desk key ${key.keyId} certified by centre key ${key.certificate?.centreKeyId}`);
    } catch (err) {
      opts.log?.(`desk key not certified yet (${err instanceof Error ? err.message : String(err)}); retrying in ${RETRY_MS / 1000} s`);
      timer = setTimeout(() => void certify(), RETRY_MS);
      timer.unref();
    }
  };
  if (!key.certificate) await certify();

  const overlayProfile = await readOverlayProfile(opts.addendumOverlay ?? '');
  const documentPrinter = opts.documentPrinter || `file:${join(opts.dataDir, 'printed')}`;
  const printAddendum = createAddendumPrinter({
    checkpointId: opts.config.checkpointId,
    deskKey: () => key,
    ...(overlayProfile ? { overlayProfile } : {}),
    documentPrinter,
  });
  // Load and parse the fonts and let the JIT compile the render path now, not while the first carrier
  // waits: one render loads the fonts (≈300 ms), it takes three before a render costs what it will
  // (measured: 304, 119, 69 ms, then the first real print 48 ms instead of 119 ms after one).
  setImmediate(() => {
    void (async () => {
      for (let i = 0; i < 3; i++) await renderAddendumPdf(sampleAddendumInput());
    })().catch(() => undefined);
  });
  const slip = opts.slipPrinter?.target
    ? createSlipPrinter({
        checkpointId: opts.config.checkpointId,
        deskKey: () => key,
        profile: parsePrinterProfile({ id: 'slip', name: 'Carrier slip', target: opts.slipPrinter.target, paperWidthMm: opts.slipPrinter.paperWidthMm ?? 80, codePage: opts.slipPrinter.codePage ?? 'kz1048', supportsQrCommand: true, cut: true }),
      })
    : undefined;
  const service = createBridgeService({
    config: opts.config,
    platform: opts.platform,
    version: opts.version,
    benchHooks: opts.benchHooks === true,
    printAddendum,
    printReport: createReportPrinter({ documentPrinter }),
    ...(slip ? { printSlip: slip } : {}),
    centrePublicKeys: () => key.centrePublicKeys.map(centrePublicKeyToJson),
  });
  return { service, stop: () => clearTimeout(timer) };
}
