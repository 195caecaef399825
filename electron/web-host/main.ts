/**
 * `node dist/web-host/main.js [--port 8788] [--renderer-dir DIR] [--data-dir DIR] [--document-printer P]`:
 * serves the desk UI to a browser on
 * this machine. Reads the desk configuration from the environment (see services/desk-config.ts) and
 * prints exactly one line, `app: http://127.0.0.1:PORT/#token=TOKEN`, for build/start.ts and people.
 * With no configuration at all (no SHEKARA_DEVICE_TOKEN, no desk-identity.json in the data folder) the
 * same address opens the first-run wizard; once it has enrolled the desk, the desk starts in this same
 * process, on the same address: no restart.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pkg from '../../package.json' with { type: 'json' };
import { readOverlayProfile, startDeskServices } from '../services/desk-services.ts';
import { isTechnicianVerifier } from '../services/technician-access.ts';
import { readDeskConfig, serverOrigin, type DeskConfig } from '../services/desk-config.ts';
import { createSetupService, deskNeedsSetup } from '../services/setup-service.ts';
import { startWebHost, type WebHost } from './server.ts';

/** The carrier-slip printer from flags or environment; a bad value stops the launch with its name. */
function slipPrinterOption(target: string, paper: string, codePage: string) {
  if (!target) return undefined;
  if (paper !== '58' && paper !== '80') throw new Error(`SHEKARA_SLIP_PAPER must be 58 or 80, not ${paper}`);
  if (codePage !== 'kz1048' && codePage !== 'none') throw new Error(`SHEKARA_SLIP_CODE_PAGE must be kz1048 or none, not ${codePage}`);
  return { target, paperWidthMm: Number(paper) as 58 | 80, codePage: codePage as 'kz1048' | 'none' };
}

/** The technician code's verifier from the environment; a malformed one stops the launch. */
function technicianVerifier(): string | undefined {
  const v = process.env.SHEKARA_TECHNICIAN_VERIFIER?.trim();
  if (!v) return undefined;
  if (!isTechnicianVerifier(v)) throw new Error('SHEKARA_TECHNICIAN_VERIFIER is not a scrypt$N$r$p$salt$hash verifier');
  return v;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8788' },
      // dist/web-host/main.js → dist/renderer
      'renderer-dir': { type: 'string', default: join(dirname(fileURLToPath(import.meta.url)), '../renderer') },
      'data-dir': { type: 'string', default: process.env.SHEKARA_DESK_DATA_DIR ?? '.data/desk' },
      'document-printer': { type: 'string', default: process.env.SHEKARA_DOCUMENT_PRINTER ?? '' },
      'slip-printer': { type: 'string', default: process.env.SHEKARA_SLIP_PRINTER ?? '' },
      'addendum-overlay': { type: 'string', default: process.env.SHEKARA_ADDENDUM_OVERLAY ?? '' },
      'slip-paper': { type: 'string', default: process.env.SHEKARA_SLIP_PAPER ?? '80' },
      'slip-code-page': { type: 'string', default: process.env.SHEKARA_SLIP_CODE_PAGE ?? 'kz1048' },
      // `npm run bench` only: lets the page write records in bulk (see AppInfo.benchHooks).
      'bench-hooks': { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be 0–65535, got ${values.port}`);
  const rendererDir = resolve(values['renderer-dir']!);
  if (!existsSync(join(rendererDir, 'index.html'))) throw new Error(`no index.html in ${rendererDir}: build the renderer first (npm run build)`);

  const dataDir = resolve(values['data-dir']!);
  // Checked before anything starts, setup or desk: a bad printer or verifier stops the launch with its name.
  const slipPrinter = slipPrinterOption(values['slip-printer']!, values['slip-paper']!, values['slip-code-page']!);
  const verifier = technicianVerifier();
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const startDesk = (config: DeskConfig) =>
    startDeskServices({
      config,
      platform: 'web',
      version: pkg.version,
      dataDir,
      documentPrinter: values['document-printer']!,
      addendumOverlay: values['addendum-overlay']!,
      slipPrinter,
      log,
      benchHooks: values['bench-hooks'] === true,
      technicianVerifier: verifier,
    });

  let host: WebHost;
  if (deskNeedsSetup(process.env, dataDir)) {
    // First run: the wizard enrols the desk, then the desk starts here and the host switches to it.
    await readOverlayProfile(values['addendum-overlay']!); // a bad calibration file stops the launch now, not after enrolment
    const setup = createSetupService({
      dataDir,
      env: process.env,
      platform: 'web',
      version: pkg.version,
      profileDir: null,
      onEnrolled: async (config) => {
        const { service } = await startDesk(config);
        host.openDesk(service, serverOrigin(config));
        log(`desk enrolled as ${config.checkpointId}/${config.deskId} (${config.role}) with ${config.serverUrl}; kept in ${dataDir}`);
      },
    });
    host = await startWebHost({ rendererDir, setup, port });
    log(`no desk configuration (no SHEKARA_DEVICE_TOKEN, nothing enrolled in ${dataDir}): the app address opens the setup wizard`);
  } else {
    // The launch environment, or else what an enrolment kept in the data folder (desk-identity.json).
    const config = readDeskConfig(process.env, dataDir);
    const { service } = await startDesk(config);
    host = await startWebHost({ rendererDir, service, centralOrigin: serverOrigin(config), port });
  }
  console.log(`app: ${host.url}`);

  const stop = () => void host.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`web host failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
