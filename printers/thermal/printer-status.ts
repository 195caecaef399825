/**
 * Asks a network ESC/POS printer how it is (issue 7 item 2): reachable, online, and its paper as the
 * roll sensor reports it, through the real-time requests DLE EOT 1 and DLE EOT 4. Every way it can go
 * wrong is a named answer for the technician, never a hang: refused, no answer in time, or something
 * on that port that is not an ESC/POS printer.
 */
import { Socket } from 'node:net';
import { SerialPort } from 'serialport';
import { classifySerialError } from './serial-errors.ts';
import { parseSerialTarget } from './serial-send.ts';
import { parsePrinterTarget } from './tcp-send.ts';

export type PrinterStatus =
  | { ok: true; online: boolean; paper: 'ok' | 'near-end' | 'out' }
  | { ok: false; error: 'bad-request' | 'connection-refused' | 'unreachable' | 'timeout' | 'no-status' | 'not-escpos'; message: string };

/** ESC/POS status bytes have bit 0 and bit 7 clear, bits 1 and 4 set: anything else is not a status. */
const looksLikeStatus = (b: number) => (b & 0x93) === 0x12;

/** A byte reader over a stream's data events: the next byte, or null after `ms`. */
function byteReader() {
  const received: number[] = [];
  let wake: (() => void) | null = null;
  return {
    push(chunk: Buffer) {
      received.push(...chunk);
      wake?.();
    },
    pending: () => received.length,
    next: (ms: number) =>
      new Promise<number | null>((resolve) => {
        if (received.length > 0) return resolve(received.shift()!);
        const timer = setTimeout(() => {
          wake = null;
          resolve(null);
        }, ms);
        wake = () => {
          clearTimeout(timer);
          wake = null;
          resolve(received.shift() ?? null);
        };
      }),
  };
}

/** DLE EOT 1 (printer) and DLE EOT 4 (roll paper sensor) over an open connection, TCP or serial. */
async function askStatus(write: (bytes: Buffer) => void, reader: ReturnType<typeof byteReader>, target: string, timeoutMs: number): Promise<PrinterStatus> {
  write(Buffer.from([0x10, 0x04, 1]));
  const printer = await reader.next(timeoutMs);
  if (printer === null) return { ok: false, error: 'no-status', message: `${target} accepted the connection but did not answer a status request: not an ESC/POS printer, or one that does not report status` };
  if (!looksLikeStatus(printer) || reader.pending() > 0) return { ok: false, error: 'not-escpos', message: `${target} answered with bytes that are not an ESC/POS status (0x${printer.toString(16).padStart(2, '0')}…): not a receipt printer` };
  write(Buffer.from([0x10, 0x04, 4]));
  const roll = await reader.next(timeoutMs);
  if (roll === null || !looksLikeStatus(roll)) return { ok: false, error: 'not-escpos', message: `${target} did not report its paper sensor` };
  return { ok: true, online: (printer & 0x08) === 0, paper: (roll & 0x60) === 0x60 ? 'out' : (roll & 0x0c) === 0x0c ? 'near-end' : 'ok' };
}

/** A printer on a serial port (serial:PORT@BAUD): the same real-time requests over the line. */
async function checkSerialStatus(target: string, timeoutMs: number): Promise<PrinterStatus> {
  const addr = parseSerialTarget(target);
  if (!addr) return { ok: false, error: 'bad-request', message: `printer must be serial:PORT@BAUD, got ${JSON.stringify(target.slice(0, 80))}` };
  const port = new SerialPort({ path: addr.path, baudRate: addr.baudRate, autoOpen: false });
  const reader = byteReader();
  port.on('data', (chunk: Buffer) => reader.push(chunk));
  port.on('error', () => undefined); // a failure shows as no answer; the port is closed below
  const opened = await new Promise<Error | null>((resolve) => port.open((err) => resolve(err ?? null)));
  if (opened) {
    const missing = classifySerialError(opened) === 'no-such-port';
    return { ok: false, error: 'unreachable', message: missing ? `no serial port ${addr.path}` : `serial port ${addr.path}: ${opened.message}` };
  }
  try {
    return await askStatus((bytes) => void port.write(bytes), reader, addr.path, timeoutMs);
  } finally {
    await new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve()));
  }
}

export async function checkPrinterStatus(target: string, { timeoutMs = 3_000 }: { timeoutMs?: number } = {}): Promise<PrinterStatus> {
  if (target.startsWith('serial:')) return checkSerialStatus(target, timeoutMs);
  const addr = parsePrinterTarget(target);
  if (!addr) return { ok: false, error: 'bad-request', message: `printer must be tcp://HOST:PORT, got ${JSON.stringify(target.slice(0, 80))}` };
  const socket = new Socket();
  const reader = byteReader();
  socket.on('data', (chunk: Buffer) => reader.push(chunk));
  try {
    const connected = await new Promise<Error | 'timeout' | null>((resolve) => {
      const timer = setTimeout(() => resolve('timeout'), timeoutMs);
      socket.once('connect', () => (clearTimeout(timer), resolve(null)));
      socket.once('error', (err) => (clearTimeout(timer), resolve(err)));
      socket.connect(addr.port, addr.host);
    });
    if (connected === 'timeout') return { ok: false, error: 'timeout', message: `no connection to ${target} within ${timeoutMs} ms: wrong address, or the printer is off` };
    if (connected) {
      const code = (connected as { code?: string }).code;
      if (code === 'ECONNREFUSED') return { ok: false, error: 'connection-refused', message: `${target} refused the connection: the printer is on, but not on this port (9100 is usual)` };
      return { ok: false, error: 'unreachable', message: `${target} cannot be reached (${code ?? connected.message})` };
    }
    return await askStatus((bytes) => void socket.write(bytes), reader, target, timeoutMs);
  } finally {
    socket.destroy();
  }
}
