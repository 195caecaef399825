import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SerialScan } from '../../shared/scan/serial-scanner-profile.ts';
import { HAS_SOCAT, openPtyPair, writeToPty, type PtyPair } from '../../test/support/pty-pair.ts';
import { openSerialScanner } from './serial-scanner.ts';

/**
 * A real serial port pair from socat: the scanner writes into one end, the desk reads the other
 * through serialport, exactly as with a scanner on COM3 or /dev/ttyUSB0.
 */
describe.skipIf(!HAS_SOCAT)('a serial scanner through a pseudo-terminal pair', () => {
  let pty: PtyPair;

  beforeAll(async () => {
    pty = await openPtyPair();
  });
  afterAll(() => pty?.close());

  /** What the scanner sends, written in pieces as a UART delivers them. */
  const send = (...pieces: (string | number[])[]) => writeToPty(pty.farEnd, ...pieces);

  it('reads each code at its line ending, split or joined, raw and decoded', async () => {
    const scans: SerialScan[] = [];
    const opened = await openSerialScanner({ path: '/dev/ttyShekaraAbsent0', baudRate: 9600, lineEnding: 'CR' }, () => undefined);
    expect(opened).toMatchObject({ ok: false, error: { code: 'no-such-port' } });

    const scanner = await openSerialScanner({ path: pty.deskEnd, baudRate: 9600, lineEnding: 'CR' }, (s) => scans.push(s));
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
