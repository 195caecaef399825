/**
 * A network ESC/POS printer on TCP (the "port 9100" kind): each connection is one job, which ends
 * when the sender closes it. Used by tests and by technicians for dry runs without paper; with
 * `pngDir` every job is also drawn to job-NNNN.png there.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { decodeEscPos, type DecodedJob } from './escpos-decoder.ts';
import { renderJobPng } from './render-png.ts';

export type EmulatedJob = DecodedJob & { bytes: Buffer; /** Set when the emulator writes PNGs. */ pngPath?: string };

export type EmulatorOptions = {
  port?: number;
  host?: string;
  /** Folder for each job's PNG (created if missing). */
  pngDir?: string;
  /** Paper width for jobs that do not say theirs (GS W) and carry no raster. */
  defaultDots?: number;
};

export type EscposEmulator = {
  port: number;
  target: `tcp://${string}`;
  /** Every job received so far, in the order the connections closed. */
  jobs: EmulatedJob[];
  /** The next job not yet returned by an earlier call (waits for it), in order of arrival. */
  waitForJob(options?: { timeoutMs?: number }): Promise<EmulatedJob>;
  onJob(listener: (job: EmulatedJob) => void): void;
  close(): Promise<void>;
};

export async function startEscposEmulator({ port = 0, host = '127.0.0.1', pngDir, defaultDots = 576 }: EmulatorOptions = {}): Promise<EscposEmulator> {
  const jobs: EmulatedJob[] = [];
  const listeners: Array<(job: EmulatedJob) => void> = [];
  const waiting: Array<() => void> = [];
  const sockets = new Set<Socket>();
  let handedOut = 0;
  // Jobs are published in the order their connections closed, even though drawing a PNG takes a while.
  let publishing: Promise<void> = Promise.resolve();
  if (pngDir) await mkdir(pngDir, { recursive: true });

  const publish = async (bytes: Buffer) => {
    const job: EmulatedJob = { ...decodeEscPos(bytes), bytes };
    if (pngDir) {
      const pngPath = join(pngDir, `job-${String(jobs.length + 1).padStart(4, '0')}.png`);
      try {
        await writeFile(pngPath, await renderJobPng(job, { defaultDots }));
        job.pngPath = pngPath;
      } catch (err) {
        process.emitWarning(`emulator could not write ${pngPath}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    jobs.push(job);
    for (const l of listeners) l(job);
    for (const wake of waiting.splice(0)) wake();
  };

  const server = createServer((socket) => {
    sockets.add(socket);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => socket.destroy()); // a sender that resets mid-job still ends the job
    socket.on('close', () => {
      sockets.delete(socket);
      const bytes = Buffer.concat(chunks);
      if (bytes.length === 0) return; // a connection probe (isPrinterConnected) is not a job
      publishing = publishing.then(() => publish(bytes));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the emulator has no TCP address');

  return {
    port: address.port,
    target: `tcp://${host}:${address.port}`,
    jobs,
    onJob: (listener) => void listeners.push(listener),
    waitForJob({ timeoutMs = 5_000 } = {}) {
      const index = handedOut++;
      return new Promise<EmulatedJob>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no print job #${index + 1} within ${timeoutMs} ms`)), timeoutMs);
        const check = () => {
          const job = jobs[index];
          if (!job) return void waiting.push(check);
          clearTimeout(timer);
          resolve(job);
        };
        check();
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => void publishing.then(() => resolve()));
      }),
  };
}
