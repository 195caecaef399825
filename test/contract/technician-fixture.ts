/**
 * The technician's half of a contract subject: real technician access (scrypt code), a real settings
 * store in a temporary folder, a real scan hub, and the calibration grid printed to a folder printer.
 */
import { join } from 'node:path';
import { DEFAULT_ANNEX3_PROFILE } from '../../printers/pdf/overlay-profile.ts';
import { renderCalibrationPdf } from '../../printers/pdf/overlay-pdf.ts';
import type { TechnicianMethods } from '../../shared/bridge/bridge.ts';
import type { DeviceSettingsInput } from '../../shared/devices/device-settings.ts';
import { DEFAULT_WEDGE_SETTINGS } from '../../shared/scan/wedge-detector.ts';
import { calibratedOverlay, overlayLayout } from '../../electron/services/desk-services.ts';
import type { DeskConfig } from '../../electron/services/desk-config.ts';
import { openDeviceSettingsStore } from '../../electron/services/device-settings-store.ts';
import { collectDiagnostics } from '../../electron/services/diagnostics.ts';
import { sendToDocumentPrinter } from '../../electron/services/document-printer.ts';
import { createScanHub } from '../../electron/services/scan-hub.ts';
import { createTechnicianAccess, makeTechnicianVerifier } from '../../electron/services/technician-access.ts';
import { createTechnicianService } from '../../electron/services/technician-service.ts';

export const TECHNICIAN_CODE = '482913';

export function contractDefaults(printedDir: string): DeviceSettingsInput {
  return {
    thermal: null,
    document: { queue: `file:${printedDir}`, blankMode: 'full-form', offsetXmm: 0, offsetYmm: 0, scale: 1 },
    scanner: { wedge: DEFAULT_WEDGE_SETTINGS, serial: null },
  };
}

export async function makeTechnician(config: DeskConfig, dataDir: string, printedDir: string): Promise<{ technician: TechnicianMethods; close(): Promise<void> }> {
  const logs: string[] = [];
  const log = (line: string) => void logs.push(line);
  const store = await openDeviceSettingsStore({ dataDir, defaults: contractDefaults(printedDir), log });
  const scans = createScanHub(log);
  const technician = createTechnicianService({
    access: createTechnicianAccess({ verifier: await makeTechnicianVerifier(TECHNICIAN_CODE) }),
    store,
    scans,
    deskId: config.deskId,
    centreRevision: () => null,
    listPrinters: async () => ({ ok: true, printers: [{ name: 'PDF', isDefault: true, state: 'idle' }] }),
    printCalibration: async (d) => sendToDocumentPrinter(d.queue, 'calibration', await renderCalibrationPdf(calibratedOverlay(DEFAULT_ANNEX3_PROFILE, d))),
    diagnostics: () =>
      collectDiagnostics({ config, platform: 'web', version: '0.1.0', settings: store.current(), settingsSaved: store.saved(), centreRevision: null, key: { keyId: 'k1', certified: false }, scanner: scans.state(), logs: [...logs, 'looked up IIN 880101300123 for a test'] }),
    overlayLayout: overlayLayout(DEFAULT_ANNEX3_PROFILE),
    folderPrinters: { dataDir, launchQueue: `file:${printedDir}` },
    log,
    printTimeoutMs: 2_000,
    statusTimeoutMs: 1_000,
  });
  return { technician, close: () => scans.close() };
}
