/**
 * Starts the built central server, web host and printer emulator as real child processes, the way
 * `npm start` does, and reads the URL each prints on its first line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const DIST = join(ROOT, 'dist');

export type Running = { url: string; child: ChildProcess; stop(): Promise<void>; output: string[] };

export function startProcess(script: string, args: string[], prefix: string, env: NodeJS.ProcessEnv = {}): Promise<Running> {
  const child = spawn(process.execPath, [script, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not print "${prefix}" within 60 s:\n${output.join('')}`)), 60_000);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      output.push(line);
      if (!line.startsWith(prefix)) return;
      clearTimeout(timer);
      resolve({
        url: line.slice(prefix.length).trim(),
        child,
        output,
        stop: () => stopChild(child),
      });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code}:\n${output.join('')}`));
    });
  });
}

export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `shekara-${prefix}-`));
}

export function newDeviceToken(): string {
  return randomBytes(24).toString('hex');
}

export type CentralOptions = { port?: number; dataDir: string; deviceToken: string; demoPermits?: number; adminToken?: string; moreDevices?: { token: string; checkpoint: string; desk: string; role?: 'desk' | 'supervisor' }[] };

export function startCentral(opts: CentralOptions): Promise<Running> {
  const args = ['--port', String(opts.port ?? 0), '--data-dir', opts.dataDir, '--demo-device-token', opts.deviceToken];
  if (opts.demoPermits !== undefined) args.push('--demo-permits', String(opts.demoPermits));
  if (opts.adminToken) args.push('--admin-token', opts.adminToken);
  for (const d of opts.moreDevices ?? []) args.push('--demo-device', `${d.token}=${d.checkpoint}/${d.desk}${d.role === 'supervisor' ? '/supervisor' : ''}`);
  // The demo database is the embedded one; a DATABASE_URL from the environment must not redirect it.
  return startProcess(join(DIST, 'server/main.js'), args, 'central server:', { DATABASE_URL: '' });
}

export type DeskOptions = { serverUrl: string; deviceToken: string; checkpoint?: string; desk?: string; role?: 'desk' | 'supervisor'; dataDir: string; documentPrinter?: string; slipPrinter?: string; port?: number; benchHooks?: boolean; technicianVerifier?: string };

export function startWebHost(opts: DeskOptions): Promise<Running> {
  // The page's IndexedDB belongs to its origin: a desk restarted on another port would start empty.
  return startProcess(join(DIST, 'web-host/main.js'), ['--port', String(opts.port ?? 0), ...(opts.benchHooks ? ['--bench-hooks'] : [])], 'app:', {
    SHEKARA_SERVER_URL: opts.serverUrl,
    SHEKARA_DEVICE_TOKEN: opts.deviceToken,
    SHEKARA_CHECKPOINT: opts.checkpoint ?? 'dostyk-avto',
    SHEKARA_DESK: opts.desk ?? 'dostyk-avto-1',
    SHEKARA_DESK_ROLE: opts.role ?? 'desk',
    SHEKARA_DESK_DATA_DIR: opts.dataDir,
    SHEKARA_DOCUMENT_PRINTER: opts.documentPrinter ?? '',
    SHEKARA_SLIP_PRINTER: opts.slipPrinter ?? '',
    SHEKARA_TECHNICIAN_VERIFIER: opts.technicianVerifier ?? '',
  });
}

/** Every crossing the centre holds, pulled the way a desk pulls them. */
export async function centralCrossings(serverUrl: string, deviceToken: string): Promise<Array<Record<string, unknown>>> {
  const all: Array<Record<string, unknown>> = [];
  let seq = 0;
  for (;;) {
    const res = await fetch(`${serverUrl}/sync/v1/crossings/pull?seq=${seq}&limit=1000`, { headers: { authorization: `Bearer ${deviceToken}` } });
    if (!res.ok) throw new Error(`pull answered ${res.status}`);
    const body = (await res.json()) as { documents: Array<Record<string, unknown>>; checkpoint: { seq: number } | null };
    all.push(...body.documents);
    if (body.documents.length === 0 || !body.checkpoint) return all;
    seq = body.checkpoint.seq;
  }
}
