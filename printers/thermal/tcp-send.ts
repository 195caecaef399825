/**
 * Sends a finished ESC/POS job to a network printer (tcp://host:port) through node-thermal-printer's
 * network interface. A failure is an answer, never a throw: the UI shows it to the officer.
 */
import { PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import type { BridgeErrorCode, PrintResult } from '../../shared/bridge/bridge.ts';
import { sendSerialJob } from './serial-send.ts';
import { printRaw } from '../queue/system-queue.ts';

export type PrinterTarget = `tcp://${string}`;
export type SendOptions = { timeoutMs?: number };

export const DEFAULT_TIMEOUT_MS = 5_000;
const TARGET = /^tcp:\/\/([A-Za-z0-9.-]+):(\d{1,5})$/;

/** host and port of a tcp:// target, or null when it is not one. */
export function parsePrinterTarget(target: string): { host: string; port: number } | null {
  const m = TARGET.exec(target);
  if (!m) return null;
  const port = Number(m[2]);
  return port >= 1 && port <= 65_535 ? { host: m[1]!, port } : null;
}

export function failure(error: BridgeErrorCode, message: string): PrintResult {
  return { ok: false, error, message };
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EADDRNOTAVAIL', 'EPIPE']);

function classify(err: unknown, target: string): PrintResult {
  const code = (err as { code?: unknown } | null)?.code;
  const message = err instanceof Error ? err.message : String(err);
  // node-thermal-printer rejects with new Error('Socket timeout') when the socket stays idle too long.
  if (code === 'ETIMEDOUT' || message === 'Socket timeout') return failure('printer-timeout', `printer ${target} did not answer in time`);
  if (typeof code === 'string' && UNREACHABLE.has(code)) return failure('printer-unreachable', `printer ${target} is unreachable (${code})`);
  return failure('internal', `printing to ${target} failed: ${message}`);
}

/**
 * Sends bytes to the printer. `build` makes them, so an encoding error is reported like a
 * printing one instead of escaping as a throw.
 */
export async function sendJob(target: string, build: () => Buffer, { timeoutMs = DEFAULT_TIMEOUT_MS }: SendOptions = {}): Promise<PrintResult> {
  if (target.startsWith('serial:') || target.startsWith('queue:')) {
    let bytes: Buffer;
    try {
      bytes = build();
    } catch (err) {
      return failure('internal', `building the job failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (target.startsWith('serial:')) return sendSerialJob(target, bytes, timeoutMs);
    const printed = await printRaw(bytes, { printer: target.slice('queue:'.length), title: 'Shekara slip' }, { timeoutMs: Math.max(timeoutMs, 15_000) });
    return printed.ok ? { ok: true, bytes: printed.bytes, ...(printed.jobId ? { jobId: printed.jobId } : {}) } : printed;
  }
  if (!parsePrinterTarget(target)) return failure('bad-request', `printer must be tcp://HOST:PORT, got ${JSON.stringify(target.slice(0, 80))}`);
  let timer: NodeJS.Timeout | undefined;
  try {
    const bytes = build();
    const printer = new ThermalPrinter({ type: PrinterTypes.EPSON, interface: target, options: { timeout: timeoutMs } });
    printer.setBuffer(bytes);
    // The socket timeout is an idle timeout; this one bounds the whole job (connect included).
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error('Socket timeout'), { code: 'ETIMEDOUT' })), timeoutMs + 250);
    });
    await Promise.race([printer.execute(), deadline]);
    return { ok: true, bytes: bytes.length };
  } catch (err) {
    return classify(err, target);
  } finally {
    clearTimeout(timer);
  }
}
