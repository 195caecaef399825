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
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
for (const name of required) if (!builtinModules.includes(name) && !files.has(`/node_modules/${name}/package.json`)) problems.push(`the main bundle requires ${name}, which the package does not ship`);

const updateYml = readFileSync(join(resources, 'app-update.yml'), 'utf8');
if (!/^provider: generic$/m.test(updateYml) || !/^url: https:\/\//m.test(updateYml)) problems.push(`app-update.yml is not a generic https feed:\n${updateYml}`);

if (problems.length > 0) {
  console.error(`package check failed:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log(`package check: electron-builder packed ${files.size} files into app.asar in ${((Date.now() - started) / 1000).toFixed(0)} s (Electron ${electronVersion} stand-in, no fuses, unpacked Linux folder); main, preload, renderer and ${required.size} runtime packages present, nothing of the server or tests`);
