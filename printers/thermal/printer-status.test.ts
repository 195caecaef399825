import { createServer, type Server } from 'node:net';
import { SerialPort } from 'serialport';
import { HAS_SOCAT, openPtyPair, type PtyPair } from '../../test/support/pty-pair.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEscposEmulator, type EscposEmulator } from '../emulator/escpos-emulator.ts';
import { checkPrinterStatus } from './printer-status.ts';

/** A TCP server on a free port that does `onData` with what it is sent. */
async function fakeServer(onData: (socket: import('node:net').Socket) => void): Promise<{ target: string; close(): Promise<void> }> {
  const server: Server = createServer((socket) => {
    socket.on('error', () => undefined);
    socket.resume(); // read (and drop) what comes, so the client's close is seen and close() can finish
    onData(socket);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { target: `tcp://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}

describe('printer status check', () => {
  let printer: EscposEmulator;
  beforeAll(async () => {
    printer = await startEscposEmulator();
  });
  afterAll(() => printer.close());

  it('reads the paper sensor of an ESC/POS printer, and leaves no job behind', async () => {
    expect(await checkPrinterStatus(printer.target)).toEqual({ ok: true, online: true, paper: 'ok' });
    printer.setPaper('near-end');
    expect(await checkPrinterStatus(printer.target)).toMatchObject({ ok: true, paper: 'near-end' });
    printer.setPaper('out');
    expect(await checkPrinterStatus(printer.target)).toMatchObject({ ok: true, paper: 'out' });
    printer.setPaper('ok');
    await new Promise((r) => setTimeout(r, 50));
    expect(printer.jobs).toHaveLength(0);
  });

  it('names what is wrong: refused, silent, not a printer, not an address', async () => {
    const gone = await startEscposEmulator();
    await gone.close();
    expect(await checkPrinterStatus(gone.target)).toMatchObject({ ok: false, error: 'connection-refused' });

    const silent = await fakeServer(() => undefined);
    expect(await checkPrinterStatus(silent.target, { timeoutMs: 300 })).toMatchObject({ ok: false, error: 'no-status' });
    await silent.close();

    const web = await fakeServer((s) => s.on('data', () => s.write('HTTP/1.1 400 Bad Request\r\n\r\n')));
    expect(await checkPrinterStatus(web.target)).toMatchObject({ ok: false, error: 'not-escpos' });
    await web.close();

    const chatty = await fakeServer((s) => s.write('220 mail.example ESMTP ready\r\n'));
    expect(await checkPrinterStatus(chatty.target)).toMatchObject({ ok: false, error: 'not-escpos' });
    await chatty.close();

    expect(await checkPrinterStatus('lpt1')).toMatchObject({ ok: false, error: 'bad-request' });
  });

  it('never hangs on an address nothing answers from', async () => {
    const started = Date.now();
    // TEST-NET-1 (RFC 5737): never a printer. Depending on the network the connection times out, fails
    // at once, or is refused by a gateway; what matters is a named answer in time.
    const status = await checkPrinterStatus('tcp://192.0.2.1:9100', { timeoutMs: 500 });
    expect(status.ok).toBe(false);
    if (!status.ok) expect(['timeout', 'unreachable', 'connection-refused']).toContain(status.error);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

/** A printer on a serial line: socat's pty pair, the far end answered by a SerialPort playing the printer. */
describe.skipIf(!HAS_SOCAT)('printer status over a serial port', () => {
  let pty: PtyPair;
  let deskEnd: string;
  let printerEnd: SerialPort;
  let roll = 0x12;
  let silent = false;

  beforeAll(async () => {
    pty = await openPtyPair();
    deskEnd = pty.deskEnd;
    printerEnd = new SerialPort({ path: pty.farEnd, baudRate: 9600 });
    await new Promise((r) => printerEnd.once('open', r));
    let seen: number[] = [];
    printerEnd.on('data', (chunk: Buffer) => {
      seen = [...seen, ...chunk].slice(-3);
      if (silent || seen[0] !== 0x10 || seen[1] !== 0x04) return;
      printerEnd.write(Buffer.from([seen[2] === 4 ? roll : 0x12]));
      seen = [];
    });
  });
  afterAll(async () => {
    await new Promise((r) => printerEnd?.close(r));
    pty?.close();
  });

  it('reads the paper sensor through the line, and names a silent printer and a missing port', async () => {
    expect(await checkPrinterStatus(`serial:${deskEnd}@9600`)).toEqual({ ok: true, online: true, paper: 'ok' });
    roll = 0x72; // bits 5 and 6: roll paper end
    expect(await checkPrinterStatus(`serial:${deskEnd}@9600`)).toEqual({ ok: true, online: true, paper: 'out' });
    silent = true;
    expect(await checkPrinterStatus(`serial:${deskEnd}@9600`, { timeoutMs: 300 })).toMatchObject({ ok: false, error: 'no-status' });
    expect(await checkPrinterStatus('serial:/dev/ttyShekaraAbsent0@9600', { timeoutMs: 300 })).toMatchObject({ ok: false, error: 'unreachable', message: expect.stringMatching(/no serial port/) });
  });
});
