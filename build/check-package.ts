/**
 * `npx tsx build/check-package.ts` (run by `npm run test:e2e` after the bundle): packs the app with
 * electron-builder itself, as `npm run dist` does, but into an unpacked folder and around a stand-in
 * Electron binary, since the real one cannot be downloaded here. The fuses are left out (they are flipped
 * inside the real binary) and so are the Windows targets (NSIS needs the Windows toolchain download).
 * Then it checks what a kiosk would receive: app.asar holds the main and preload bundles and the
 * renderer, no server, tests or source maps, and every package the main bundle requires; the native
 * modules sit unpacked beside it; the update feed is the plain HTTPS server of electron-builder.yml.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listPackage } from '@electron/asar';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'shekara-package-'));
const problems: string[] = [];

// The stand-in Electron: a folder with an executable named electron and the version electron-builder reads.
const fakeElectron = join(work, 'electron-dist');
mkdirSync(fakeElectron);
writeFileSync(join(fakeElectron, 'electron'), '#!/bin/sh\necho "stand-in for the Electron binary"\n', { mode: 0o755 });
const electronVersion = (JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
writeFileSync(join(fakeElectron, 'version'), electronVersion);

// electron-builder.yml without the fuses, around the stand-in, into the work folder.
const yml = readFileSync(join(root, 'electron-builder.yml'), 'utf8')
  .replace(/^electronFuses:\n(?:(?: {2}.*)?\n)*/m, '')
  .replace(/^ {2}output: .*$/m, `  output: ${join(work, 'out')}`);
if (/^electronFuses:/m.test(yml)) throw new Error('could not take the fuses out of electron-builder.yml');
const config = join(work, 'electron-builder.yml');
writeFileSync(config, `${yml}\nelectronDist: ${fakeElectron}\nnpmRebuild: false\n`);
const started = Date.now();
execFileSync(join(root, 'node_modules/.bin/electron-builder'), ['--linux', 'dir', '--x64', '--config', config], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });

const resources = join(work, 'out/linux-unpacked/resources');
const files = new Set(listPackage(join(resources, 'app.asar'), { isPack: false }).map((f) => f.replaceAll('\\', '/')));
for (const f of ['/package.json', '/dist/electron/main.cjs', '/dist/electron/preload.cjs', '/dist/renderer/electron.html']) if (!files.has(f)) problems.push(`app.asar lacks ${f}`);
for (const f of files) {
  if (f.startsWith('/node_modules/')) continue;
  if (/^\/(server|test|renderer|shared|electron|printers|build)\//.test(f) || f.startsWith('/dist/server') || f.startsWith('/dist/web-host') || f.endsWith('.map')) problems.push(`app.asar should not ship ${f}`);
}

// Every package the main bundle requires at run time is in the package.
const meta = await build({ entryPoints: [join(root, 'electron/main.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', packages: 'external', external: ['electron'], outdir: join(work, 'meta'), metafile: true, logLevel: 'silent' });
const required = new Set<string>();
for (const input of Object.values(meta.metafile.inputs)) for (const imp of input.imports) if (imp.external && !imp.path.startsWith('node:') && imp.path !== 'electron') required.add(imp.path.startsWith('@') ? imp.path.split('/').slice(0, 2).join('/') : imp.path.split('/')[0]!);
const { builtinModules } = await import('node:module');
// Resolved by file name at run time, which esbuild cannot see: the fonts of the PDFs and the raster text.
const RESOLVED_AT_RUN_TIME = ['dejavu-fonts-ttf'];
/** The package's folder as Node finds it from `fromDir` (its own node_modules first, then upward). */
function findPackage(name: string, fromDir: string): string | null {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === root || dirname(dir) === dir) return null;
  }
}
// Every package the main bundle needs, with everything those need in turn, must be in app.asar.
const needed = new Map<string, string>(); // folder inside node_modules → who needs it
const queue: [string, string, string][] = [...required, ...RESOLVED_AT_RUN_TIME].filter((n) => !builtinModules.includes(n)).map((n) => [n, root, 'the main bundle']);
while (queue.length > 0) {
  const [name, fromDir, by] = queue.shift()!;
  const dir = findPackage(name, fromDir);
  if (dir === null) continue; // an optional dependency for another platform
  const inPackage = dir.slice(root.length).replaceAll('\\', '/');
  if (needed.has(inPackage)) continue;
  needed.set(inPackage, by);
  const meta = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
  for (const dep of Object.keys({ ...meta.dependencies, ...meta.optionalDependencies })) queue.push([dep, dir, name]);
}
// electron-builder's own npm tree collector leaves out some nested copies (pdf-lib's tslib 1, qrcode's
// CLI-only yargs) when the same name sits at the top; those then load the top copy, which the run below
// exercises. A package missing at every level is an error.
const hoisted: string[] = [];
for (const [dir, by] of needed) {
  if (files.has(`${dir}/package.json`)) continue;
  const name = dir.slice(dir.lastIndexOf('/node_modules/') + '/node_modules/'.length);
  if (files.has(`/node_modules/${name}/package.json`)) hoisted.push(`${dir.slice(1)} → node_modules/${name}`);
  else problems.push(`app.asar lacks ${dir.slice(1)}, which ${by} needs`);
}

// Native code (the canvas drawing Kazakh raster text) reads the fonts from the unpacked folder.
for (const font of ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf']) {
  if (!existsSync(join(resources, 'app.asar.unpacked/node_modules/dejavu-fonts-ttf/ttf', font))) problems.push(`${font} is not unpacked beside app.asar: the slip printer's raster text could not load it`);
}

const updateYml = readFileSync(join(resources, 'app-update.yml'), 'utf8');
if (!/^provider: generic$/m.test(updateYml) || !/^url: https:\/\//m.test(updateYml)) problems.push(`app-update.yml is not a generic https feed:\n${updateYml}`);

// The shipped main process, run from the extracted archive under Node with Electron stood in: it starts
// its desk services and prints a report (pdf-lib, fontkit, the fonts) with the packages as packed.
const { extractAll } = await import('@electron/asar');
const { cpSync, readdirSync } = await import('node:fs');
const extracted = join(work, 'extracted');
extractAll(join(resources, 'app.asar'), extracted);
cpSync(join(resources, 'app.asar.unpacked'), extracted, { recursive: true });
const printed = join(work, 'printed');
const calls = JSON.stringify([
  ['shekara:report-activity', { issuing: false, signedIn: false }],
  ['shekara:print-report', { doc: { kind: 'shift-report', title: { kk: 'Ауысым есебі: ӘҒҚҢӨҰҮҺІ', ru: 'Отчёт за смену' }, meta: [], tables: [], signatures: [], generatedAt: '2026-12-03T09:00:00+05:00' } }],
]);
try {
  const out = execFileSync(process.execPath, ['--require', join(root, 'test/support/fake-electron.cjs'), join(extracted, 'dist/electron/main.cjs')], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { PATH: process.env.PATH, FAKE_ELECTRON_USER_DATA: join(work, 'user-data'), FAKE_ELECTRON_CALLS: calls, SHEKARA_SERVER_URL: 'http://127.0.0.1:9', SHEKARA_DEVICE_TOKEN: 'x'.repeat(32), SHEKARA_CHECKPOINT: 'dostyk-avto', SHEKARA_DESK: 'dostyk-avto-1', SHEKARA_DESK_DATA_DIR: join(work, 'desk'), SHEKARA_DOCUMENT_PRINTER: `file:${printed}` },
  });
  const run = JSON.parse(out.trim().split('\n').at(-1)!) as { answers: { ok?: boolean }[]; errors: string[] };
  if (run.errors.length > 0 || !run.answers.every((a) => a.ok === true)) problems.push(`the packed main process answered ${JSON.stringify(run)}`);
  else if (!existsSync(printed) || readdirSync(printed).filter((f) => f.endsWith('.pdf')).length !== 1) problems.push('the packed main process printed no report');
} catch (err) {
  problems.push(`the packed main process did not run: ${err instanceof Error ? err.message : String(err)}`);
}

if (problems.length > 0) {
  console.error(`package check failed (the package is in ${work}):\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
const { rmSync } = await import('node:fs');
rmSync(work, { recursive: true, force: true }); // a few hundred MB
console.log(`package check: electron-builder packed ${files.size} files into app.asar in ${((Date.now() - started) / 1000).toFixed(0)} s (Electron ${electronVersion} stand-in, no fuses, unpacked Linux folder); main, preload, renderer and the ${needed.size} packages they need present${hoisted.length ? ` (${hoisted.length} nested copies left out for the top one: ${hoisted.join(', ')})` : ''}, nothing of the server or tests; the packed main process started and printed a report`);
