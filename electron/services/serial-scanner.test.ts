import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SerialScan } from '../../shared/scan/serial-scanner-profile.ts';
import { openSerialScanner } from './serial-scanner.ts';

const HAS_SOCAT = spawnSync('sh', ['-c', 'command -v socat']).status === 0;

/**
 * A real serial port pair from socat: the scanner writes into one end, the desk reads the other
 * through serialport, exactly as with a scanner on COM3 or /dev/ttyUSB0.
 */
describe.skipIf(!HAS_SOCAT)('a serial scanner through a pseudo-terminal pair', () => {
  let socat: ChildProcess;
  let deskEnd: string;
  let scannerEnd: string;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shekara-pty-'));
    deskEnd = join(dir, 'desk');
    scannerEnd = join(dir, 'scanner');
    socat = spawn('socat', [`pty,raw,echo=0,link=${deskEnd}`, `pty,raw,echo=0,link=${scannerEnd}`], { stdio: 'ignore' });
    for (let i = 0; i < 100 && !(existsSync(deskEnd) && existsSync(scannerEnd)); i++) await new Promise((r) => setTimeout(r, 50));
  });
  afterAll(() => {
    socat?.kill();
  });

  /** What the scanner sends, written in pieces as a UART delivers them. */
  function send(...pieces: (string | number[])[]): void {
    const fd = openSync(scannerEnd, 'w');
    for (const p of pieces) writeSync(fd, typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p));
    closeSync(fd);
  }

  it('reads each code at its line ending, split or joined, raw and decoded', async () => {
    const scans: SerialScan[] = [];
    // socat links its ptys from a temp folder; the port is opened by the device path it points to, /dev/pts/N.
    const opened = await openSerialScanner({ path: '/dev/ttyShekaraAbsent0', baudRate: 9600, lineEnding: 'CR' }, () => undefined);
    expect(opened).toMatchObject({ ok: false, error: { code: 'no-such-port' } });

    const real = spawnSync('readlink', ['-f', deskEnd], { encoding: 'utf8' }).stdout.trim();
    const scanner = await openSerialScanner({ path: real, baudRate: 9600, lineEnding: 'CR' }, (s) => scans.push(s));
    if (!scanner.ok) throw new Error(scanner.error.message);
    send('A26-00', '0001\r', 'C0100001\rD26-000001\r', [0x02], ']C1A26-000011\r');
    for (let i = 0; i < 100 && scans.length < 4; i++) await new Promise((r) => setTimeout(r, 20));
    await scanner.scanner.close();
    expect(scans).toEqual([
      { raw: 'A26-000001', decoded: 'A26-000001' },
      { raw: 'C0100001', decoded: 'C0100001' },
      { raw: 'D26-000001', decoded: 'D26-000001' },
      { raw: '\\x02]C1A26-000011', decoded: ']C1A26-000011' },
    ]);
  });

  it('refuses a bad profile before touching any port', async () => {
    expect(await openSerialScanner({ path: 'LPT1', baudRate: 9600, lineEnding: 'CR' }, () => undefined)).toMatchObject({ ok: false, error: { code: 'bad-profile' } });
  });
});
