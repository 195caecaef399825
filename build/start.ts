/**
 * `npm start`: the central server on its embedded PGlite database (demo data when empty) and the desk
 * app: Electron where its binary is present, otherwise the web host for any Chromium. Prints one line
 * `central server: URL` and one line `app: URL` for people and scripts.
 *
 * Flags (or environment): --server-port (SHEKARA_SERVER_PORT, default 8787), --app-port
 * (SHEKARA_APP_PORT, default 8788), 0 = any free port; --data-dir (SHEKARA_DATA_DIR, default .data);
 * --server-url URL with --device-token TOKEN to use a real central server instead of the embedded one;
 * --checkpoint, --desk; --web to use the web host even where Electron is present.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildAll, ENTRIES, isBuildStale } from './bundle.ts';
import { makeTechnicianVerifier } from '../electron/services/technician-access.ts';
import { DEMO_PASSWORD, DEMO_USERS } from '../server/demo/demo-users.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: flags } = parseArgs({
  options: {
    'server-port': { type: 'string', default: process.env.SHEKARA_SERVER_PORT ?? '8787' },
    'app-port': { type: 'string', default: process.env.SHEKARA_APP_PORT ?? '8788' },
    'data-dir': { type: 'string', default: process.env.SHEKARA_DATA_DIR ?? join(root, '.data') },
    'server-url': { type: 'string', default: process.env.SHEKARA_SERVER_URL },
    'device-token': { type: 'string', default: process.env.SHEKARA_DEVICE_TOKEN },
    checkpoint: { type: 'string', default: process.env.SHEKARA_CHECKPOINT ?? 'dostyk-avto' },
    desk: { type: 'string', default: process.env.SHEKARA_DESK ?? 'dostyk-avto-1' },
    role: { type: 'string', default: process.env.SHEKARA_DESK_ROLE ?? 'desk' },
    'station-port': { type: 'string', default: process.env.SHEKARA_STATION_PORT ?? '8789' },
    web: { type: 'boolean', default: false },
  },
});

const children: ChildProcess[] = [];

/** Starts a child and resolves with the first stdout line that starts with `prefix`. */
function startChild(command: string, args: string[], prefix: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolveLine, reject) => {
    const lines = createInterface({ input: child.stdout! });
    let found = false;
    lines.on('line', (line) => {
      if (!found && line.startsWith(prefix)) {
        found = true;
        resolveLine(line.slice(prefix.length).trim());
      } else {
        process.stderr.write(`${line}\n`);
      }
    });
    child.on('exit', (code) => {
      if (!found) reject(new Error(`${args[0] ?? command} exited with code ${code} before it was ready`));
      else if (!stopping) shutdown(code ?? 1);
    });
  });
}

let stopping = false;
function shutdown(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  setTimeout(() => process.exit(code), 300).unref();
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

/** A demo device's token, made once per data folder so a restarted desk keeps syncing. */
async function demoDeviceToken(dataDir: string, name = 'demo-device-token'): Promise<string> {
  const file = join(dataDir, name);
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const token = randomBytes(24).toString('hex');
  await writeFile(file, token, { mode: 0o600 });
  return token;
}

async function demoTechnicianCode(dataDir: string): Promise<string> {
  const file = join(dataDir, 'demo-technician-code');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const code = String(randomInt(100_000, 1_000_000));
  await writeFile(file, code, { mode: 0o600 });
  return code;
}

/**
 * The Electron binary, if it was downloaded. Electron 45 fetches it lazily on first `require`; that
 * download is left to the user (`node node_modules/electron/install.js`), so a machine without access
 * to its host starts the web host at once instead of failing noisily.
 */
function electronBinary(): string | null {
  const dir = join(root, 'node_modules/electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

async function main(): Promise<void> {
  if (await isBuildStale()) {
    process.stderr.write('building…\n');
    await buildAll();
  }
  const dataDir = resolve(flags['data-dir']!);
  await mkdir(dataDir, { recursive: true });

  if (flags.role !== 'desk' && flags.role !== 'supervisor') throw new Error(`--role must be desk or supervisor, not ${flags.role}`);
  let serverUrl = flags['server-url'];
  let deviceToken = flags['device-token'];
  // The embedded demo also runs the checkpoint's supervisor station (stock and stacks) in a second web host.
  const station = !serverUrl && flags.role === 'desk' && flags['station-port'] !== 'off' ? { token: await demoDeviceToken(dataDir, 'demo-station-token'), deskId: `${flags.checkpoint!}-sup` } : null;
  if (!serverUrl) {
    deviceToken = await demoDeviceToken(dataDir);
    const stationArgs = station ? ['--demo-device', `${station.token}=${flags.checkpoint!}/${station.deskId}/supervisor`] : [];
    const adminToken = await demoDeviceToken(dataDir, 'demo-admin-token');
    serverUrl = await startChild(process.execPath, [ENTRIES.server, '--port', flags['server-port']!, '--data-dir', join(dataDir, 'central'), '--demo-device-token', deviceToken, '--demo-checkpoint', flags.checkpoint!, '--demo-desk', flags.desk!, '--demo-role', flags.role, '--admin-token', adminToken, ...stationArgs], 'central server:');
    console.log(`central server: ${serverUrl}`);
    console.log(`central admin: ${serverUrl}/admin/#token=${adminToken}`);
    console.log(`demo logins (password ${DEMO_PASSWORD}): ${DEMO_USERS.map((u) => `${u.id} (${u.roles.join(', ')})`).join(', ')}`);
  } else if (!deviceToken) {
    throw new Error('--server-url needs --device-token (or SHEKARA_DEVICE_TOKEN): the token the centre issued for this desk');
  }

  // The desk's technician code, for setting a desk up before it has its people; the demo makes one per data folder and prints it.
  let technicianVerifier = process.env.SHEKARA_TECHNICIAN_VERIFIER ?? '';
  if (!technicianVerifier) {
    const code = await demoTechnicianCode(dataDir);
    technicianVerifier = await makeTechnicianVerifier(code);
    console.log(`technician code: ${code}`);
  }
  const deskEnv = { SHEKARA_SERVER_URL: serverUrl, SHEKARA_DEVICE_TOKEN: deviceToken!, SHEKARA_CHECKPOINT: flags.checkpoint!, SHEKARA_DESK: flags.desk!, SHEKARA_DESK_ROLE: flags.role, SHEKARA_DESK_DATA_DIR: join(dataDir, 'desk'), SHEKARA_TECHNICIAN_VERIFIER: technicianVerifier };
  const electron = flags.web ? null : electronBinary();
  if (electron) {
    const child = spawn(electron, [ENTRIES.electronMain], { cwd: root, env: { ...process.env, ...deskEnv }, stdio: 'inherit' });
    children.push(child);
    child.on('exit', (code) => shutdown(code ?? 0));
    console.log('app: electron');
  } else {
    const url = await startChild(process.execPath, [ENTRIES.webHost, '--port', flags['app-port']!], 'app:', deskEnv);
    console.log(`app: ${url}`);
    if (station) {
      const stationEnv = { ...deskEnv, SHEKARA_DEVICE_TOKEN: station.token, SHEKARA_DESK: station.deskId, SHEKARA_DESK_ROLE: 'supervisor', SHEKARA_DESK_DATA_DIR: join(dataDir, 'station') };
      console.log(`supervisor station: ${await startChild(process.execPath, [ENTRIES.webHost, '--port', flags['station-port']!], 'app:', stationEnv)}`);
    }
    process.stderr.write('The Electron binary is not installed (node node_modules/electron/install.js fetches it); open the app URL above in Chromium.\n');
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`npm start failed: ${err instanceof Error ? err.message : String(err)}\n`);
  shutdown(1);
});
