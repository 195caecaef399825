/**
 * A real serial line for tests: socat's pair of pseudo-terminals. What is written to one end comes out
 * of the other, as between a desk's COM port and a scanner or printer on it. The ends are given as the
 * device paths (/dev/pts/N) the links point to, since ports are named by device (serial-scanner-profile).
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, realpathSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const HAS_SOCAT = spawnSync('sh', ['-c', 'command -v socat']).status === 0;

export type PtyPair = { deskEnd: string; farEnd: string; close(): void };

export async function openPtyPair(): Promise<PtyPair> {
  const dir = mkdtempSync(join(tmpdir(), 'shekara-pty-'));
  const [a, b] = [join(dir, 'desk'), join(dir, 'far')];
  const socat = spawn('socat', [`pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !(existsSync(a) && existsSync(b)); i++) await new Promise((r) => setTimeout(r, 50));
  if (!existsSync(a) || !existsSync(b)) {
    socat.kill();
    throw new Error('socat made no pseudo-terminal pair within 5 s');
  }
  return {
    deskEnd: realpathSync(a),
    farEnd: realpathSync(b),
    close() {
      socat.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Writes bytes into an end, in pieces as a UART delivers them. */
export function writeToPty(end: string, ...pieces: (string | number[] | Buffer)[]): void {
  const fd = openSync(end, 'w');
  try {
    for (const p of pieces) writeSync(fd, typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p));
  } finally {
    closeSync(fd);
  }
}
