/**
 * The machine's half of the diagnostics bundle (issue 7 item 5): versions, the desk's configuration
 * and device settings, the printer's status as it answers now, the scanner, the signing key's state
 * and the recent log, all masked (shared/devices/mask.ts). The UI adds its sync state and saves one file.
 */
import { arch, platform, release } from 'node:os';
import type { AppInfo } from '../../shared/bridge/bridge.ts';
import type { DeviceSettings } from '../../shared/devices/device-settings.ts';
import { maskDeep } from '../../shared/devices/mask.ts';
import type { DeskConfig } from './desk-config.ts';
import type { SerialState } from './scan-hub.ts';
import { thermalStatus } from './technician-service.ts';

export type DiagnosticsInput = {
  config: DeskConfig;
  platform: AppInfo['platform'];
  version: string;
  settings: DeviceSettings;
  settingsSaved: boolean;
  centreRevision: number | null;
  key: { keyId: string; certified: boolean };
  scanner: SerialState;
  logs: string[];
};

export async function collectDiagnostics(d: DiagnosticsInput): Promise<Record<string, unknown>> {
  const thermal = d.settings.thermal ? await thermalStatus(d.settings.thermal, 2_000) : { ok: false, error: 'not-configured', message: 'no thermal printer is set up' };
  return maskDeep({
    generatedAt: new Date().toISOString(),
    versions: { app: d.version, shell: d.platform, node: process.versions.node, electron: process.versions.electron ?? null, chrome: process.versions.chrome ?? null },
    os: { platform: platform(), release: release(), arch: arch() },
    desk: { checkpointId: d.config.checkpointId, deskId: d.config.deskId, role: d.config.role, serverUrl: d.config.serverUrl, deviceToken: d.config.deviceToken },
    signingKey: d.key,
    deviceSettings: { ...d.settings, savedByTechnician: d.settingsSaved, centreRevision: d.centreRevision },
    thermalPrinterStatus: thermal,
    serialScanner: d.scanner,
    log: d.logs,
  });
}
