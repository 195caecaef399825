import { describe, expect, it } from 'vitest';
import { decodeEscPos } from './escpos-decoder.ts';

const b = (...parts: Array<number[] | string>) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('ESC/POS decoder', () => {
  it('decodes KZ-1048 after ESC t 53 (bytes from glibc charmaps/RK1048)', () => {
    const job = decodeEscPos(b([0x1b, 0x74, 53], [0xa3, 0x20, 0xaa, 0x20, 0x8d, 0x20, 0xbd, 0x20, 0xa5, 0x20, 0xa1, 0x20, 0xaf, 0x20, 0x8e, 0x20, 0xb2, 0x0a]));
    expect(job.lines).toEqual(['Ә Ғ Қ Ң Ө Ұ Ү Һ І']);
    expect(job.codePages).toEqual([53]);
  });

  it('follows code page changes and ESC @ resets them', () => {
    // 0xAA is Ғ in KZ-1048 but Є in Windows-1251; after ESC @ no page is selected, so it is unknown.
    const job = decodeEscPos(b([0x1b, 0x74, 53, 0xaa], [0x1b, 0x74, 46, 0xaa, 0x0a], [0x1b, 0x40, 0xaa, 0x0a]));
    expect(job.lines).toEqual(['ҒЄ', '\uFFFD']);
  });

  it('skips formatting, barcode, QR, raster and cut commands with their arguments', () => {
    const qrData = [...Buffer.from('PERMIT')];
    const job = decodeEscPos(
      b(
        [0x1b, 0x40, 0x1b, 0x61, 0x01, 0x1b, 0x45, 0x01, 0x1d, 0x21, 0x11, 0x1b, 0x2d, 0x01],
        'A',
        [0x1d, 0x28, 0x6b, qrData.length + 3, 0, 0x31, 0x50, 0x30, ...qrData],
        [0x1d, 0x76, 0x30, 0x00, 0x02, 0x00, 0x01, 0x00, 0x41, 0x42],
        [0x1b, 0x2a, 0x00, 0x02, 0x00, 0x43, 0x44],
        [0x1d, 0x6b, 0x04, ...Buffer.from('123'), 0x00],
        [0x1d, 0x6b, 0x49, 0x02, 0x45, 0x46],
        'B\n',
        [0x1b, 0x64, 0x04, 0x1d, 0x56, 0x41, 0x10, 0x1b, 0x40],
      ),
    );
    expect(job.lines).toEqual(['AB']);
    expect(job.cuts).toBe(1);
    expect(job.unknown).toEqual([]);
  });

  it('reports commands it does not know instead of printing them', () => {
    const job = decodeEscPos(b('a', [0x1d, 0x99], 'b'));
    expect(job.text).toBe('ab');
    expect(job.unknown).toEqual(['1d99']);
  });
});

describe('ESC/POS decoder render model', () => {
  it('keeps text lines with code page and modes, GS v 0 rasters, printed GS ( k QR codes, feeds and cuts', () => {
    const qrData = [...Buffer.from('PERMIT')];
    const qr = (fn: number, ...params: number[]) => [0x1d, 0x28, 0x6b, params.length + 2, 0, 0x31, fn, ...params];
    const job = decodeEscPos(
      b(
        [0x1b, 0x40, 0x1d, 0x57, 0x80, 0x01, 0x1b, 0x74, 53, 0x1b, 0x61, 1, 0x1b, 0x45, 1, 0x1d, 0x21, 0x11, 0xa3, 0x0a],
        [0x1b, 0x61, 0, 0x1b, 0x45, 0, 0x1d, 0x21, 0x00],
        [0x1d, 0x76, 0x30, 0x00, 0x02, 0x00, 0x02, 0x00, 0x80, 0x01, 0xff, 0x00],
        qr(0x43, 5),
        qr(0x45, 0x33),
        qr(0x50, 0x30, ...qrData),
        qr(0x51, 0x30),
        [0x1b, 0x4a, 30, 0x1d, 0x56, 0x42, 0x10],
      ),
    );
    expect(job.printAreaDots).toBe(384);
    expect(job.items).toEqual([
      { kind: 'text', text: 'Ә', codePage: 53, align: 'center', bold: true, widthScale: 2, heightScale: 2 },
      { kind: 'raster', widthDots: 16, heightDots: 2, rows: Buffer.from([0x80, 0x01, 0xff, 0x00]), align: 'left' },
      { kind: 'qr', data: Buffer.from('PERMIT'), moduleSize: 5, errorCorrection: 'H', align: 'left' },
      { kind: 'feed', dots: 30 },
      { kind: 'cut' },
    ]);
    expect(job.unknown).toEqual([]);
  });

  it('a QR code stored but never printed is not on the paper', () => {
    const job = decodeEscPos(b([0x1d, 0x28, 0x6b, 5, 0, 0x31, 0x50, 0x30, 0x41, 0x42]));
    expect(job.items).toEqual([]);
  });
});
