/**
 * Builds everything `npm start` and the end-to-end tests run: the renderer through Vite, and the Node
 * and Electron entry points through esbuild (dependencies stay in node_modules: PGlite loads its WASM
 * beside its own module, and electron-builder packs node_modules anyway).
 */
import { cp, mkdir, readdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild, type BuildOptions } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');

const node: BuildOptions = { bundle: true, platform: 'node', target: 'node20', packages: 'external', sourcemap: true, logLevel: 'warning' };

/**
 * The Electron main process is CommonJS, where esbuild leaves import.meta empty: the printers' font
 * lookups (createRequire(import.meta.url)) would throw at launch. In that bundle import.meta.url is the
 * bundle's own file URL, as it is for the ES module bundles.
 */
export const ELECTRON_MAIN_CJS: BuildOptions = {
  format: 'cjs',
  external: ['electron'],
  define: { 'import.meta.url': '__shekaraBundleUrl' },
  banner: { js: "const __shekaraBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
};

export const ENTRIES = {
  server: join(dist, 'server/main.js'),
  webHost: join(dist, 'web-host/main.js'),
  printerEmulator: join(dist, 'printers/emulator.js'),
  electronMain: join(dist, 'electron/main.cjs'),
  electronPreload: join(dist, 'electron/preload.cjs'),
  electronSetupPreload: join(dist, 'electron/setup-preload.cjs'),
  renderer: join(dist, 'renderer'),
  adminPage: join(dist, 'admin/admin.js'),
};

async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const p = join(entry.parentPath, entry.name);
    if (p.includes('node_modules')) continue;
    newest = Math.max(newest, (await stat(p)).mtimeMs);
  }
  return newest;
}

/** True when dist/ is older than any source file, so `npm start` rebuilds only when needed. */
export async function isBuildStale(): Promise<boolean> {
  try {
    const built = Math.min(...(await Promise.all(Object.values(ENTRIES).map(async (p) => (await stat(p)).mtimeMs))));
    const sources = await Promise.all(['shared', 'renderer', 'electron', 'printers', 'server'].map((d) => newestMtime(join(root, d))));
    return Math.max(...sources) > built;
  } catch {
    return true;
  }
}

export async function buildAll(): Promise<void> {
  const { build: viteBuild } = await import('vite');
  await viteBuild({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
  await Promise.all([
    esbuild({ ...node, format: 'esm', entryPoints: [join(root, 'server/main.ts')], outfile: ENTRIES.server }),
    esbuild({ ...node, format: 'esm', entryPoints: [join(root, 'electron/web-host/main.ts')], outfile: ENTRIES.webHost }),
    esbuild({ ...node, format: 'esm', entryPoints: [join(root, 'printers/emulator/main.ts')], outfile: ENTRIES.printerEmulator }),
    esbuild({ ...node, ...ELECTRON_MAIN_CJS, entryPoints: [join(root, 'electron/main.ts')], outfile: ENTRIES.electronMain }),
    esbuild({ ...node, format: 'cjs', entryPoints: [join(root, 'electron/preload.ts')], outfile: ENTRIES.electronPreload, external: ['electron'] }),
    esbuild({ ...node, format: 'cjs', entryPoints: [join(root, 'electron/setup/setup-preload.ts')], outfile: ENTRIES.electronSetupPreload, external: ['electron'] }),
    // The centre's /admin page: one browser script beside its HTML and CSS, served by the central server.
    esbuild({ bundle: true, platform: 'browser', target: 'chrome110', format: 'esm', sourcemap: true, logLevel: 'warning', entryPoints: [join(root, 'server/admin/page/admin.ts')], outfile: ENTRIES.adminPage }),
  ]);
  for (const file of ['index.html', 'admin.css']) await cp(join(root, 'server/admin/page', file), join(dist, 'admin', file));
  // The server reads its SQL migrations at run time, beside its bundle.
  await mkdir(join(dist, 'server/migrations'), { recursive: true });
  await cp(join(root, 'server/db/migrations'), join(dist, 'server/migrations'), { recursive: true });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = Date.now();
  await buildAll();
  console.log(`built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
