import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SYNC_PREFIX } from '../shared/sync/replication.ts';

const ROOT = join(import.meta.dirname, '..');
const TOKEN = 'main-test-token-0123456789abcdef';

/** Starts server/main.ts from source (without DATABASE_URL: PGlite in dataDir). */
function startCentral(dataDir: string) {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  // node --import tsx, not the tsx CLI: the CLI relays signals through a parent process, and under load
  // its relay once turned a clean SIGTERM exit into 143. One process, as node dist/server/main.js runs.
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', '--port', '0', '--data-dir', dataDir, '--demo-permits', '40', '--demo-device-token', TOKEN], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /^central server: (http:\/\/127\.0\.0\.1:\d+)$/m.exec(stdout);
      if (m) resolve(m[1]!);
    });
    void exited.then((code) => reject(new Error(`exited ${code} before listening: ${stderr}`)));
  });
  return { child, url, exited, output: () => stdout };
}

async function stop(central: ReturnType<typeof startCentral>): Promise<{ code: number | null; ms: number }> {
  const started = Date.now();
  central.child.kill('SIGTERM');
  const code = await Promise.race([central.exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 8000))]);
  if (code === 'timeout') {
    central.child.kill('SIGKILL');
    throw new Error('central server did not exit on SIGTERM');
  }
  return { code, ms: Date.now() - started };
}

describe('server/main.ts', () => {
  let dir: string | undefined;
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('listens on a free port, serves the demo, exits 0 on SIGTERM, and restarts on the same data folder', async () => {
    dir = await mkdtemp(join(tmpdir(), 'shekara-main-'));
    const central = startCentral(dir);
    const url = await central.url;
    expect(await (await fetch(`${url}/health`)).json()).toEqual({ ok: true, database: 'pglite' });
    const pull = await fetch(`${url}${SYNC_PREFIX}/permits/pull?seq=0&limit=100`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(((await pull.json()) as { documents: unknown[] }).documents).toHaveLength(40);
    // An open live stream must not hold the shutdown.
    const stream = await fetch(`${url}${SYNC_PREFIX}/crossings/stream`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(stream.status).toBe(200);
    const { code, ms } = await stop(central);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(5000);
    expect(central.output().trim().split('\n')).toEqual([`central server: ${url}`]);

    // PGlite was closed cleanly: a restart opens the same folder, keeps the data and seeds nothing new.
    const again = startCentral(dir);
    const url2 = await again.url;
    const pull2 = await fetch(`${url2}${SYNC_PREFIX}/permits/pull?seq=0&limit=100`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(((await pull2.json()) as { documents: unknown[] }).documents).toHaveLength(40);
    expect((await stop(again)).code).toBe(0);
  }, 60_000);
});
