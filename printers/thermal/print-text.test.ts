import { spawn, type ChildProcess } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEscposEmulator, type EscposEmulator } from '../emulator/escpos-emulator.ts';
import { encodeTextJob, printText } from './print-text.ts';

/**
 * KZ-1048 bytes of the Kazakh capitals, from glibc localedata/charmaps/RK1048 (alias STRK1048-2002),
 * e.g. "<U04D8> /xa3 CYRILLIC CAPITAL LETTER SCHWA"; checked on Debian with
 * `printf '\xa3' | iconv -f RK1048 -t UTF-8`.
 */
const KZ1048: Record<string, number> = { Ә: 0xa3, Ғ: 0xaa, Қ: 0x8d, Ң: 0xbd, Ө: 0xa5, Ұ: 0xa1, Ү: 0xaf, Һ: 0x8e, І: 0xb2, ә: 0xbc, ң: 0xbe, қ: 0x9d, ө: 0xb4, ұ: 0xa2, ү: 0xbf };

describe('printText job bytes', () => {
  it('starts with ESC @ then ESC t 53 (KZ-1048) and ends with a cut', () => {
    const bytes = encodeTextJob('x');
    expect([...bytes.subarray(0, 5)]).toEqual([0x1b, 0x40, 0x1b, 0x74, 53]);
    expect(bytes.includes(Buffer.from([0x1d, 0x56]))).toBe(true);
  });

  it('encodes every Kazakh letter as its KZ-1048 byte, one byte each', () => {
    for (const [letter, byte] of Object.entries(KZ1048)) {
      const bytes = encodeTextJob(`a${letter}a`);
      expect(bytes.includes(Buffer.from([0x61, byte, 0x61])), `${letter} → 0x${byte.toString(16)}`).toBe(true);
    }
    // Russian letters stay in the same page (KZ-1048 keeps Windows-1251's А–я at 0xC0–0xFF).
    expect(encodeTextJob('Жол').includes(Buffer.from([0xc6, 0xee, 0xeb]))).toBe(true);
  });

  it('keeps control characters in the text from reaching the printer as commands', () => {
    const bytes = encodeTextJob('a\x1b@b\x1dV\x00c');
    // After the 5-byte header, the printed line holds the visible characters only.
    expect(bytes.subarray(5, bytes.indexOf(0x0a)).toString('latin1')).toBe('a@bVc');
  });
});

describe('printText over TCP', () => {
  let printer: EscposEmulator;
  beforeAll(async () => {
    printer = await startEscposEmulator();
  });
  afterAll(() => printer.close());

  it('delivers the text to the emulator, which decodes it back exactly', async () => {
    const text = 'Қазақстан Ә Ғ Қ Ң Ө Ұ Ү Һ І\nәғқңөұүһі — Шекара №1';
    const result = await printText(printer.target, text);
    const job = await printer.waitForJob();
    expect(result).toEqual({ ok: true, bytes: job.bytes.length });
    expect(job.lines).toEqual(text.split('\n'));
    expect(job.cuts).toBe(1);
    expect(job.unknown).toEqual([]);
  });

  it('answers bad-request for a target that is not tcp://HOST:PORT, without connecting', async () => {
    for (const target of ['tcp://127.0.0.1', 'tcp://127.0.0.1:0', 'tcp://127.0.0.1:70000', 'printer:EPSON']) {
      expect(await printText(target, 'x')).toMatchObject({ ok: false, error: 'bad-request' });
    }
  });
});

describe('printText failures are answers', () => {
  let blocked: ChildProcess | undefined;
  const sockets: Socket[] = [];
  afterEach(() => {
    for (const s of sockets.splice(0)) s.destroy();
    blocked?.kill('SIGKILL');
  });

  it('printer-timeout when the printer never accepts the connection', async () => {
    // A listener whose process never calls accept(): once its backlog is full, the kernel drops new
    // SYNs, which is what a hung printer looks like from the desk.
    blocked = spawn(process.execPath, [
      '-e',
      `const s=require('net').createServer().listen({port:0,host:'127.0.0.1',backlog:0},()=>{console.log(s.address().port);const a=new Int32Array(new SharedArrayBuffer(4));Atomics.wait(a,0,0)})`,
    ]);
    const port = Number(await new Promise<string>((resolve) => createInterface({ input: blocked!.stdout! }).once('line', resolve)));
    for (let filled = false; !filled; ) {
      const s = connect(port, '127.0.0.1');
      sockets.push(s);
      filled = await new Promise<boolean>((resolve) => {
        s.once('connect', () => resolve(false));
        s.once('error', () => resolve(true));
        setTimeout(() => resolve(true), 300);
      });
    }
    const started = Date.now();
    expect(await printText(`tcp://127.0.0.1:${port}`, 'x', { timeoutMs: 500 })).toMatchObject({ ok: false, error: 'printer-timeout' });
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
