/**
 * The Electron main process as it ships: main.ts bundled to CommonJS with the options `npm run build`
 * uses (bundle.ts), then run under plain Node with a stand-in for the 'electron' module
 * (test/support/fake-electron.cjs), since the Electron binary cannot be downloaded here. The real desk
 * services start behind it; the test calls the Bridge over the IPC handlers as the page would and
 * prints a report through them, fonts and all.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { BRIDGE_ROUTES } from '../shared/bridge/bridge.ts';
import { ELECTRON_MAIN_CJS } from './bundle.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, '.tmp', `main-bundle-${process.pid}`);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

async function bundleMain(): Promise<{ file: string; warnings: string[] }> {
  // Inside the repository, so the bundle finds node_modules as dist/electron/main.cjs does.
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, 'main.cjs');
  const result = await build({ bundle: true, platform: 'node', target: 'node20', packages: 'external', logLevel: 'silent', ...ELECTRON_MAIN_CJS, entryPoints: [join(root, 'electron/main.ts')], outfile: file });
  return { file, warnings: result.warnings.map((w) => w.text) };
}

const SHIFT_REPORT = { doc: { kind: 'shift-report', title: { kk: 'Ауысым есебі: Әә Ғғ Ққ Ңң Өө Ұұ Үү Һһ Іі', ru: 'Отчёт за смену' }, meta: [], tables: [], signatures: [], generatedAt: '2026-12-03T09:00:00+05:00' } };

describe('the Electron main bundle', () => {
  it('builds to CommonJS without an empty import.meta', async () => {
    expect((await bundleMain()).warnings).toEqual([]);
  });

  it('starts under Node with Electron stood in: one window on the renderer, every Bridge channel, and a report printed with its Kazakh fonts', async () => {
    const { file } = await bundleMain();
    const dataDir = mkdtempSync(join(tmpdir(), 'shekara-main-run-'));
    const printed = join(dataDir, 'printed');
    const out = execFileSync(process.execPath, ['--require', join(root, 'test/support/fake-electron.cjs'), file], {
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        PATH: process.env.PATH,
        FAKE_ELECTRON_USER_DATA: dataDir,
        SHEKARA_SERVER_URL: 'http://127.0.0.1:9', // nothing listens: the desk starts offline
        SHEKARA_DEVICE_TOKEN: 'x'.repeat(32),
        SHEKARA_CHECKPOINT: 'dostyk-avto',
        SHEKARA_DESK: 'dostyk-avto-1',
        SHEKARA_DESK_DATA_DIR: join(dataDir, 'desk'),
        SHEKARA_DOCUMENT_PRINTER: `file:${printed}`,
        SHEKARA_KIOSK: '1',
        FAKE_ELECTRON_CALLS: JSON.stringify([
          [BRIDGE_ROUTES.getAppInfo.channel, undefined],
          [BRIDGE_ROUTES.reportActivity.channel, { issuing: false, signedIn: true }],
          [BRIDGE_ROUTES.reportActivity.channel, { issuing: 'yes' }],
          [BRIDGE_ROUTES.printReport.channel, SHIFT_REPORT],
        ]),
      },
    });
    const run = JSON.parse(out.trim().split('\n').at(-1)!) as { window: { options: Record<string, unknown>; loaded: string[] }; channels: string[]; appUserModelId: string; menu: string; answers: Record<string, unknown>[]; errors: string[] };
    expect(run.errors).toEqual([]);
    expect(run.appUserModelId).toBe('kz.shekara.desk');
    expect(run.menu).toBe('none');
    expect(run.window.options).toMatchObject({ kiosk: true, fullscreen: true, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false } });
    expect(run.window.loaded).toEqual([join(dirname(file), '../renderer/electron.html')]);
    expect(run.channels).toEqual(Object.values(BRIDGE_ROUTES).map((r) => r.channel).sort());
    const [info, activity, badActivity, report] = run.answers;
    expect(info).toMatchObject({ platform: 'electron', checkpointId: 'dostyk-avto', deskId: 'dostyk-avto-1' });
    expect(activity).toEqual({ ok: true, pendingUpdate: null });
    expect(badActivity).toMatchObject({ ok: false, error: 'bad-request' });
    expect(report).toMatchObject({ ok: true });
    const [pdf] = readdirSync(printed).filter((f) => f.endsWith('.pdf'));
    const text = execFileSync('pdftotext', [join(printed, pdf!), '-'], { encoding: 'utf8' });
    expect(text).toContain('Әә Ғғ Ққ Ңң Өө Ұұ Үү Һһ Іі');
    expect(existsSync(join(dataDir, 'desk', 'logs', 'desk.log'))).toBe(true);
  }, 90_000);
});
