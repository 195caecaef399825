/**
 * Prints plain text on a network ESC/POS printer (tcp://host:9100) through node-thermal-printer, with
 * Kazakh letters in code page KZ-1048 (selected by ESC t 53; node-thermal-printer encodes with
 * iconv-lite's RK1048 table). A failure is an answer, never a throw: the UI shows it to the officer.
 */
import { CharacterSet, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import type { BridgeErrorCode, PrintResult } from '../../shared/bridge/bridge.ts';

export type PrinterTarget = `tcp://${string}`;
export type PrintTextOptions = { timeoutMs?: number };

const DEFAULT_TIMEOUT_MS = 5_000;
/** ESC @: clears the printer's buffer and modes left over from an earlier job. */
const ESC_INIT = Buffer.from([0x1b, 0x40]);
const TARGET = /^tcp:\/\/([A-Za-z0-9.-]+):(\d{1,5})$/;

/** host and port of a tcp:// target, or null when it is not one. */
export function parsePrinterTarget(target: string): { host: string; port: number } | null {
  const m = TARGET.exec(target);
  if (!m) return null;
  const port = Number(m[2]);
  return port >= 1 && port <= 65_535 ? { host: m[1]!, port } : null;
}

/**
 * Removes control characters other than line feed and tab: the text is data, and an ESC or GS inside
 * it would reach the printer as a command (cut, drawer kick, code page change).
 */
export function sanitizeText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '');
}

function newPrinter(target: string, timeoutMs: number): ThermalPrinter {
  const printer = new ThermalPrinter({
    type: PrinterTypes.EPSON,
    interface: target,
    characterSet: CharacterSet.KZ1048_KAZAKHSTAN,
    options: { timeout: timeoutMs },
  });
  // The constructor already wrote ESC t 53; ESC @ must come first, because it resets the code page.
  printer.setBuffer(ESC_INIT);
  printer.setCharacterSet(CharacterSet.KZ1048_KAZAKHSTAN);
  return printer;
}

function printJob(printer: ThermalPrinter, text: string): Buffer {
  for (const line of sanitizeText(text).split('\n')) printer.println(line);
  printer.partialCut();
  return printer.getBuffer();
}

/** The exact bytes printText sends for a text (ESC @, ESC t 53, KZ-1048 text, feed, cut). */
export function encodeTextJob(text: string): Buffer {
  return Buffer.from(printJob(newPrinter('tcp://127.0.0.1:9100', DEFAULT_TIMEOUT_MS), text));
}

function failure(error: BridgeErrorCode, message: string): PrintResult {
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

export async function printText(target: PrinterTarget | string, text: string, { timeoutMs = DEFAULT_TIMEOUT_MS }: PrintTextOptions = {}): Promise<PrintResult> {
  if (!parsePrinterTarget(target)) return failure('bad-request', `printer must be tcp://HOST:PORT, got ${JSON.stringify(target.slice(0, 80))}`);
  let timer: NodeJS.Timeout | undefined;
  try {
    const printer = newPrinter(target, timeoutMs);
    const bytes = printJob(printer, text);
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
