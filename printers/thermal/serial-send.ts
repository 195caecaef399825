/**
 * Sends a finished ESC/POS job to a thermal printer on a serial port (serial:COM3@9600): open, write,
 * wait until the bytes have left (drain), close. A missing, busy or refused port is an answer.
 */
import { SerialPort } from 'serialport';
import type { BridgeErrorCode, PrintResult } from '../../shared/bridge/bridge.ts';
import { SERIAL_TARGET } from './printer-profile.ts';
import { classifySerialError } from './serial-errors.ts';

const fail = (error: BridgeErrorCode, message: string): PrintResult => ({ ok: false, error, message });

export function parseSerialTarget(target: string): { path: string; baudRate: number } | null {
  const m = SERIAL_TARGET.exec(target);
  return m?.groups ? { path: m.groups.path!, baudRate: Number(m.groups.baud) } : null;
}

export async function sendSerialJob(target: string, bytes: Buffer, timeoutMs: number): Promise<PrintResult> {
  const addr = parseSerialTarget(target);
  if (!addr) return fail('bad-request', `printer must be serial:PORT@BAUD, got ${JSON.stringify(target.slice(0, 80))}`);
  const port = new SerialPort({ path: addr.path, baudRate: addr.baudRate, autoOpen: false });
  const step = (run: (done: (err: Error | null | undefined) => void) => void) => new Promise<Error | null>((resolve) => run((err) => resolve(err ?? null)));
  let timer: NodeJS.Timeout | undefined;
  let timedOut = false;
  const deadline = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => ((timedOut = true), resolve('timeout')), timeoutMs)));
  const job = (async (): Promise<PrintResult> => {
    const opened = await step((done) => port.open(done));
    // An open that outlived the deadline (a Bluetooth COM port can take 20 s): the officer was told it
    // failed and may print again, so this job must not print late. Close and go.
    if (timedOut) {
      if (!opened && port.isOpen) await step((done) => port.close(done));
      return fail('printer-timeout', `printer on ${addr.path} did not open in time`);
    }
    if (opened) {
      const problem = classifySerialError(opened);
      if (problem === 'no-such-port') return fail('no-such-printer', `no serial port ${addr.path}`);
      if (problem === 'port-busy') return fail('printer-unreachable', `serial port ${addr.path} is in use by another program`);
      return fail('printer-unreachable', `serial port ${addr.path}: ${opened.message}`);
    }
    const written = await step((done) => port.write(bytes, done));
    const drained = written ?? (await step((done) => port.drain(done)));
    if (drained) return fail('print-failed', `writing to ${addr.path} failed: ${drained.message}`);
    return { ok: true, bytes: bytes.length };
  })();
  try {
    const result = await Promise.race([job, deadline]);
    return result === 'timeout' ? fail('printer-timeout', `printer on ${addr.path} did not take the job in time (flow control or wrong speed?)`) : result;
  } finally {
    clearTimeout(timer);
    if (port.isOpen) await step((done) => port.close(done));
  }
}
