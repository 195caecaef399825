import { SerialPort } from 'serialport';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseSerialTarget, sendSerialJob } from './serial-send.ts';
import { sendJob } from './tcp-send.ts';
import { HAS_SOCAT, openPtyPair, type PtyPair } from '../../test/support/pty-pair.ts';

/** Every byte value, then a run long enough to fill the pty buffers several times over. */
const JOB = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 31 + 7) & 0xff))]);

/** A thermal printer on a serial port: socat's pseudo-terminal pair, the desk writes one end, the "printer" reads the other. */
describe.skipIf(!HAS_SOCAT)('a thermal job over a serial port', () => {
  let pty: PtyPair;
  let deskPath: string;
  let printerPath: string;
  let printer: SerialPort | undefined;

  beforeAll(async () => {
    pty = await openPtyPair();
    ({ deskEnd: deskPath, farEnd: printerPath } = pty);
  });
  afterEach(async () => {
    if (printer?.isOpen) await new Promise((r) => printer!.close(r));
    printer = undefined;
  });
  afterAll(() => pty?.close());

  /** Opens the printer's end and collects what arrives until `length` bytes are in (or 5 s pass). */
  async function receive(length: number): Promise<() => Promise<Buffer>> {
    const port = new SerialPort({ path: printerPath, baudRate: 9600, autoOpen: false });
    printer = port;
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    const chunks: Buffer[] = [];
    port.on('data', (c: Buffer) => chunks.push(c));
    return async () => {
      for (let i = 0; i < 250 && Buffer.concat(chunks).length < length; i++) await new Promise((r) => setTimeout(r, 20));
      return Buffer.concat(chunks);
    };
  }

  it('delivers the bytes unchanged', async () => {
    expect(deskPath).toMatch(/^\/dev\//);
    const received = await receive(JOB.length);
    const result = await sendSerialJob(`serial:${deskPath}@115200`, JOB, 10_000);
    expect(result).toEqual({ ok: true, bytes: JOB.length });
    expect((await received()).equals(JOB)).toBe(true);
  });

  it('sendJob routes serial: targets to the serial port', async () => {
    const received = await receive(5);
    const result = await sendJob(`serial:${deskPath}@9600`, () => Buffer.from('\x1b@OK\n', 'latin1'));
    expect(result).toEqual({ ok: true, bytes: 5 });
    expect((await received()).toString('latin1')).toBe('\x1b@OK\n');
  });

  it('answers no-such-printer for a port that does not exist, through sendJob too', async () => {
    expect(await sendSerialJob('serial:/dev/ttyNOPE0@9600', JOB, 2_000)).toMatchObject({ ok: false, error: 'no-such-printer' });
    expect(await sendJob('serial:/dev/ttyNOPE0@9600', () => JOB)).toMatchObject({ ok: false, error: 'no-such-printer' });
  });
});

describe('serial targets', () => {
  it('parses COM and /dev ports with a standard speed', () => {
    expect(parseSerialTarget('serial:COM3@9600')).toEqual({ path: 'COM3', baudRate: 9600 });
    expect(parseSerialTarget('serial:/dev/ttyUSB0@115200')).toEqual({ path: '/dev/ttyUSB0', baudRate: 115200 });
  });

  it('answers bad-request for a malformed target without opening anything', async () => {
    for (const target of ['serial:LPT1@9600', 'serial:/dev/ttyS0@1234', 'serial:/dev/ttyS0', 'serial:COM3@9600;rm', 'serial:/etc/../dev/x@9600']) {
      expect(await sendSerialJob(target, JOB, 1_000), target).toMatchObject({ ok: false, error: 'bad-request' });
      expect(await sendJob(target, () => JOB), target).toMatchObject({ ok: false, error: 'bad-request' });
    }
  });

  it('answers internal when the job cannot be built, before touching the port', async () => {
    const result = await sendJob('serial:/dev/ttyNOPE0@9600', () => {
      throw new Error('no glyph');
    });
    expect(result).toMatchObject({ ok: false, error: 'internal', message: expect.stringContaining('no glyph') });
  });
});
