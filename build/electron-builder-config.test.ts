/**
 * What can be proven about the Windows package without downloading Electron (issue 10 item 5):
 * electron-builder's own loading and schema validation of electron-builder.yml, the choices that must
 * not drift (appId, per-machine NSIS and portable x64, asar, fuses, icons, the update feed), and that the
 * main-process and preload bundles need nothing the package does not ship.
 */
import { builtinModules } from 'node:module';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string; dependencies: Record<string, string>; devDependencies: Record<string, string>; scripts: Record<string, string> };
type Config = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- electron-builder's own configuration shape

async function loadConfig(): Promise<Config> {
  return (await getConfig(root, null, null)) as Config;
}

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own validation, which does refuse a misspelt option', async () => {
    const config = await loadConfig();
    await expect(validateConfiguration(config as never, new DebugLogger(false))).resolves.toBeUndefined();
    const misspelt = structuredClone(config);
    misspelt.nsis.perMachin = true;
    await expect(validateConfiguration(misspelt as never, new DebugLogger(false))).rejects.toThrow(/does not match the API schema[\s\S]*configuration\.nsis/);
  });

  it('builds a per-machine NSIS installer and a portable executable for x64, with a fixed appId and asar', async () => {
    const config = await loadConfig();
    expect(config.appId).toBe('kz.shekara.desk');
    expect(config.asar).toBe(true);
    expect(config.win.target).toEqual([
      { target: 'nsis', arch: ['x64'] },
      { target: 'portable', arch: ['x64'] },
    ]);
    expect(config.nsis).toMatchObject({ perMachine: true, oneClick: false, include: 'build/installer.nsh' });
    // electron-builder reads `files` into one filter set.
    expect(config.files[0].filter.slice(0, 4)).toEqual(['package.json', 'dist/electron/**', 'dist/renderer/**', '!**/*.map']);
    // The entry point the package starts is one of the files it packs.
    expect(packageJson.main).toBe('dist/electron/main.cjs');
  });

  it('sets the fuses: no running as plain Node, no NODE_OPTIONS, no inspect arguments, app only from a checked asar', async () => {
    expect((await loadConfig()).electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });

  it('updates from a plain HTTPS server with electron-updater', async () => {
    expect((await loadConfig()).publish).toEqual([{ provider: 'generic', url: expect.stringMatching(/^https:\/\//), channel: 'latest' }]);
    expect(packageJson.dependencies['electron-updater']).toBeDefined();
  });

  it('has the icons in build/: an .ico with a 256 px image for Windows, a 512 px PNG', () => {
    const ico = readFileSync(join(root, 'build/icon.ico'));
    expect(ico.readUInt16LE(2)).toBe(1); // an icon resource
    const count = ico.readUInt16LE(4);
    const sizes = Array.from({ length: count }, (_, i) => ico.readUInt8(6 + 16 * i) || 256);
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 256]));
    const png = readFileSync(join(root, 'build/icon.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  });
});

describe('the main-process and preload bundles', () => {
  /** The bare module names a bundle still requires at run time (esbuild's externals). */
  async function externals(entry: string): Promise<string[]> {
    const out = mkdtempSync(join(tmpdir(), 'shekara-bundle-'));
    const result = await build({ entryPoints: [join(root, entry)], bundle: true, platform: 'node', target: 'node20', format: 'cjs', packages: 'external', external: ['electron'], outdir: out, metafile: true, logLevel: 'silent' });
    const names = new Set<string>();
    for (const input of Object.values(result.metafile.inputs)) for (const imp of input.imports) if (imp.external) names.add(imp.path);
    return [...names].sort();
  }
  const packageName = (spec: string) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
  const isBuiltin = (spec: string) => spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0]!);

  it('main requires only Electron, Node and the production dependencies the package ships', async () => {
    const missing = (await externals('electron/main.ts')).filter((s) => s !== 'electron' && !isBuiltin(s) && !(packageName(s) in packageJson.dependencies));
    expect(missing).toEqual([]);
  });

  it('the sandboxed preload requires nothing but electron', async () => {
    expect(await externals('electron/preload.ts')).toEqual(['electron']);
  });
});
