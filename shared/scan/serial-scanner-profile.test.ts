import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLineReader, describeSerialLine, serialScannerProfileSchema } from './serial-scanner-profile.ts';

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('serial scanner lines', () => {
  it('reads the same codes however the port chunks the bytes', () => {
    const code = fc.stringMatching(/^[A-Z0-9-]{1,40}$/);
    fc.assert(
      fc.property(fc.array(code, { minLength: 1, maxLength: 10 }), fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 50 }), (codes, cuts) => {
        const all = bytes(codes.map((c) => `${c}\r\n`).join(''));
        const reader = createLineReader('CRLF');
        const got: string[] = [];
        for (let at = 0, i = 0; at < all.length; i++) {
          const size = cuts[i % cuts.length]!;
          got.push(...reader.feed(all.slice(at, at + size)).map(text));
          at += size;
        }
        expect(got).toEqual(codes);
      }),
    );
  });

  it('drops a run with no line ending past the limit, counts it, and reads the next code', () => {
    const reader = createLineReader('CR', 16);
    expect(reader.feed(bytes('X'.repeat(20)))).toEqual([]);
    expect(reader.feed(bytes('YYYY\rA26-000001\r')).map(text)).toEqual(['A26-000001']);
    expect(reader.dropped()).toBe(1);
  });

  it('shows every byte to the technician and keeps the code', () => {
    expect(describeSerialLine(new Uint8Array([0x02, ...bytes(']C1A26-000001 '), 0xff]))).toEqual({ raw: '\\x02]C1A26-000001 \\xff', decoded: ']C1A26-000001' });
  });

  it('takes COM and /dev ports, the usual speeds and line endings only', () => {
    expect(serialScannerProfileSchema.safeParse({ path: 'COM3', baudRate: 9600, lineEnding: 'CR' }).success).toBe(true);
    expect(serialScannerProfileSchema.safeParse({ path: '/dev/ttyUSB0', baudRate: 115200, lineEnding: 'CRLF' }).success).toBe(true);
    for (const bad of [{ path: 'COM3; rm -rf /', baudRate: 9600, lineEnding: 'CR' }, { path: 'COM3', baudRate: 1234, lineEnding: 'CR' }, { path: 'COM3', baudRate: 9600, lineEnding: 'TAB' }]) {
      expect(serialScannerProfileSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
