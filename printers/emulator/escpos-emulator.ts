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

/** What the paper sensors report to DLE EOT 4, as a real printer's would. */
export type PaperState = 'ok' | 'near-end' | 'out';

export type EscposEmulator = {
  port: number;
  target: `tcp://${string}`;
  /** Every job received so far, in the order the connections closed. */
  jobs: EmulatedJob[];
  /** The next job not yet returned by an earlier call (waits for it), in order of arrival. */
  waitForJob(options?: { timeoutMs?: number }): Promise<EmulatedJob>;
  onJob(listener: (job: EmulatedJob) => void): void;
  /** Sets what the paper sensors say from now on (a technician's dry run of "paper out"). */
  setPaper(state: PaperState): void;
  close(): Promise<void>;
};

const DLE = 0x10;
const EOT = 0x04;

/**
 * The answer to a real-time status request DLE EOT n (ESC/POS): one byte, bits 1 and 4 always set.
 * n = 1 printer status (online), n = 4 roll paper sensor: bits 2-3 near end, bits 5-6 out.
 */
function statusByte(n: number, paper: PaperState): number {
  if (n === 4) return 0x12 | (paper === 'near-end' ? 0x0c : paper === 'out' ? 0x6c : 0);
  return 0x12;
}

/**
 * The status requests (DLE EOT n) a chunk is made of, or null when it carries anything else. Only a
 * connection that has sent nothing but status requests is answered: the same bytes inside raster data
 * are image dots (a real printer can misread them too, unless told not to with GS ( D).
 */
function statusRequests(chunk: Buffer): number[] | null {
  if (chunk.length === 0 || chunk.length % 3 !== 0) return null;
  const requests: number[] = [];
  for (let i = 0; i < chunk.length; i += 3) {
    if (chunk[i] !== DLE || chunk[i + 1] !== EOT || chunk[i + 2]! < 1 || chunk[i + 2]! > 4) return null;
    requests.push(chunk[i + 2]!);
  }
  return requests;
}

export async function startEscposEmulator({ port = 0, host = '127.0.0.1', pngDir, defaultDots = 576 }: EmulatorOptions = {}): Promise<EscposEmulator> {
  const jobs: EmulatedJob[] = [];
  const listeners: Array<(job: EmulatedJob) => void> = [];
  const waiting: Array<() => void> = [];
  const sockets = new Set<Socket>();
  let handedOut = 0;
  let paper: PaperState = 'ok';
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
    let onlyStatus = true;
    socket.on('data', (chunk: Buffer) => {
      const requests = onlyStatus ? statusRequests(chunk) : null;
      if (requests) return void socket.write(Buffer.from(requests.map((n) => statusByte(n, paper))));
      onlyStatus = false;
      chunks.push(chunk);
    });
    socket.on('error', () => socket.destroy()); // a sender that resets mid-job still ends the job
    socket.on('close', () => {
      sockets.delete(socket);
      const bytes = Buffer.concat(chunks);
      if (bytes.length === 0) return; // a connection probe or a status check is not a job
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
    setPaper: (state) => {
      paper = state;
    },
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
